/**
 * A chunk whose process died running it, for the cluster pool's `pool.stats()`: the pool counts it in
 * `recycled.crash`, as a local pool counts the worker it replaces after a crash. The cluster pool's slots are not
 * processes (cluster-backend.ts): the process that died is a worker command's local child (which its local pool
 * replaces), or the worker command itself (its chunk stalled). The worker command says which chunks lost their
 * process in the chunk's return value, so nothing is read from Redis for it and a chunk that did not costs nothing.
 */
import { WorkerCrashedError } from '../../errors.js';
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
