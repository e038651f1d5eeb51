/**
 * A chunk whose process died running it, for the cluster pool's `pool.stats()`: the pool counts it in
 * `recycled.crash`, as a local pool counts the worker it replaces after a crash. The cluster pool's slots are not
 * processes (cluster-backend.ts): the process that died is a worker command's local child (which its local pool
 * replaces), or the worker command itself (its chunk stalled). The worker command says which chunks lost their
 * process in the chunk's return value, so nothing is read from Redis for it and a chunk that did not costs nothing.
 * The chunk's WorkerCrashedError is then made to name the chunk, not the worker command's own call (nameTheChunk).
 */
import { WorkerCrashedError } from '../../errors.js';
import type { EncodedError, RemoteProcess } from '../../remote-error.js';
import type { JobOutcome } from './cluster-client.js';
import { stalled } from './stalled-retry.js';

/** The return value of a chunk whose local process died running it: its encoded failure, marked. */
export interface LostResult {
  /** The encoded result (job-codec.ts encodeResult), read as any other. */
  readonly r: string;
  readonly x: 1;
}

/** What a worker command returns for a chunk its local pool failed with `error` (encoded as `encoded`). */
export function failedResult(encoded: string, error: unknown): string | LostResult {
  return error instanceof WorkerCrashedError ? { r: encoded, x: 1 } : encoded;
}

/** Whether the chunk's process died running it: the worker command said so, or the chunk stalled with its command. */
export function diedRunning(outcome: JobOutcome): boolean {
  if ('returned' in outcome) return (outcome.returned as Partial<LostResult> | null | undefined)?.x === 1;
  return stalled(outcome);
}

/** The chunk a crash error is to name: the pool's call, its first item and size, its task's registered name. */
export interface LostChunk {
  readonly job: number;
  readonly index: number;
  readonly count: number;
  readonly task: string | undefined;
}

/**
 * Makes the WorkerCrashedError in a lost chunk's wire result (`[seq, body]`) name the chunk as the pool sees it.
 * The worker command's local pool named its own call (task runClusterChunk, item 0 of its job): the pool's call,
 * the chunk's items and its task are the parent's to say. The process (pid, exit code or signal, stderr tail, the
 * out-of-memory word) stays the remote one's, and the worker is named with its worker command. Only the encoded
 * form is changed, so the error is rebuilt once, by the pool, as any other.
 */
export function nameTheChunk(wire: unknown[], chunk: LostChunk): void {
  const body = wire[1] as { error?: EncodedError; remote?: RemoteProcess } | undefined;
  const error = body?.error;
  if (error?.kind !== 'error' || error.name !== 'WorkerCrashedError') return;
  const { props } = error;
  const worker = body!.remote === undefined ? String(props['worker']) : `${String(props['worker'])} of multiproc worker ${body!.remote.worker}`;
  const named = { worker, job: chunk.job, index: chunk.index, count: chunk.count, task: chunk.task ?? null };
  const first = new WorkerCrashedError({
    worker, pid: Number(props['pid']), exitCode: props['exitCode'] as number | null, signal: props['signal'] as NodeJS.Signals | null,
    job: chunk.job, index: chunk.index, count: chunk.count, task: chunk.task,
  }).message.split('\n')[0]!;
  const was = error.message.split('\n')[0]!;
  body!.error = {
    ...error, message: first + error.message.slice(was.length), stack: error.stack?.replace(was, first), props: { ...props, ...named },
  };
}
