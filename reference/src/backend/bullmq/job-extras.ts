/**
 * What a call's `{ signal, graceMs, timeoutMs }` add to its chunks' jobs, and how a worker command hands them to
 * its local pool. A task's timeout is counted where it runs, by the worker command's local pool, from the moment
 * the chunk starts there (the parent cannot see that moment: a job may wait in Redis for any worker to take it);
 * the grace period too is kept there, where the process is that must be stopped. A call given none of these adds
 * nothing to its jobs.
 */
import { TaskTimeoutError } from '../../errors.js';
import type { Task } from '../../pool/task.js';
import type { CallOptions } from '../../pool/cancel.js';

/** The optional fields of a chunk job (job-codec.ts). */
export interface JobExtras {
  /** How long the task may take to return once its signal fired, in ms; null: never stop its process. */
  readonly g?: number | null;
  /** The call's timeoutMs. */
  readonly t?: number;
  /** The chunk's first index in its call and its number of items, for the TaskTimeoutError. */
  readonly i?: number;
  readonly n?: number;
  /** 1: the call has onProgress, so the task's reports are relayed (progress-relay.ts). */
  readonly r?: 1;
  /** The pool's set-up (initializer, initargs, maxTasksPerChild), when it has one (local-pools.ts). */
  readonly o?: string;
  /** 1: the payload holds the items and their class table (class-args.ts). */
  readonly c?: 1;
}

/** The extras of `task`'s job, or undefined for a call without a signal, a timeout or onProgress. */
export function jobExtras(task: Task): JobExtras | undefined {
  const { cancel, timeout, progress } = task;
  if (cancel === undefined && timeout === undefined && progress === undefined) return undefined;
  const graceMs = cancel !== undefined ? cancel.graceMs : timeout?.graceMs;
  const timeoutMs = timeout?.timeoutMs;
  return {
    ...(cancel === undefined && timeout === undefined ? {} : { g: graceMs ?? null }),
    ...(timeoutMs === undefined ? {} : { t: timeoutMs, i: task.start, n: task.items.length }),
    ...(progress === undefined ? {} : { r: 1 as const }),
  };
}

/**
 * The extras found in a job's data, each kept only when well formed (a malformed one is left out, never guessed);
 * undefined for the job of a call without any.
 */
export function readJobExtras(data: Record<string, unknown>): JobExtras | undefined {
  const { g, t, i, n, r, o, c } = data;
  if (g === undefined && t === undefined && r === undefined && o === undefined && c === undefined) return undefined;
  return {
    ...(g === null || isMs(g) ? { g } : {}),
    ...(isMs(t) ? { t } : {}),
    ...(isCount(i) ? { i } : {}),
    ...(isCount(n) ? { n } : {}),
    ...(r === 1 ? { r } : {}),
    ...(typeof o === 'string' ? { o } : {}),
    ...(c === 1 ? { c } : {}),
  };
}

/** What the worker command passes to its local pool's call for the chunk; undefined when the job has no extras. */
export function localCallOptions(extras: JobExtras, signal: AbortSignal | undefined, onProgress?: CallOptions['onProgress']): CallOptions | undefined {
  if (extras.g === undefined && extras.t === undefined && onProgress === undefined) return signal === undefined ? undefined : { signal };
  return {
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(signal === undefined ? {} : { signal }),
    ...(extras.g === undefined ? {} : { graceMs: extras.g ?? Infinity }),
    ...(extras.t === undefined ? {} : { timeoutMs: extras.t }),
  };
}

/**
 * The local pool's TaskTimeoutError names its own task (the chunk runner) and item 0: the caller's names the
 * registered task `key` and the chunk's items in the call, as a local pool's does; the pid is the remote process's.
 */
export function asCallersTimeout(error: unknown, key: string, extras: JobExtras): unknown {
  if (!(error instanceof TaskTimeoutError) || extras.t === undefined) return error;
  return new TaskTimeoutError({
    task: key, phase: error.phase, elapsedMs: error.elapsedMs, timeoutMs: error.timeoutMs, pid: error.pid,
    index: extras.i ?? 0, count: extras.n ?? 1,
  });
}

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
