/**
 * Second chances for the chunks of a call marked `{ idempotent: true }` (pool/idempotent.ts). BullMQ cannot give
 * them itself: `maxStalledCount` is one setting for a whole worker command, and it is 0 so that no chunk of an
 * ordinary call ever runs twice silently; a stall does not count as one of a job's `attempts` either. So the pool
 * sends the chunk again itself, as a new job, which whichever worker command is alive takes. The stalled job has
 * failed in Redis by then: should its worker turn out to be alive (frozen, not dead), BullMQ refuses its late
 * completion (the lock is lost), and the pool stopped listening for that job id anyway. Each chunk is answered
 * to the pool once (cluster-backend.ts).
 */
import type { Task } from '../../pool/task.js';
import type { JobOutcome } from './cluster-client.js';
import type { ChunkJobData } from './job-codec.js';

/** BullMQ's failedReason for a job whose lock lapsed more than maxStalledCount (0) times: its worker died or froze. */
export const STALLED_REASON = 'job stalled more than allowable limit';

/** An idempotent chunk's job data, kept to be sent again, and how many more times it may be. */
export interface Retry {
  readonly data: ChunkJobData;
  left: number;
  /** options.cluster.maxRetries, for the hint once none is left. */
  readonly max: number;
  /** The call's cancellation, if it has a signal: an aborted call's chunk is not sent again. */
  readonly cancel?: Task['cancel'];
}

/** What to keep for `task` so that it can be sent again; undefined (nothing kept) unless its call is idempotent. */
export function retryOf(task: Task, data: ChunkJobData, maxRetries: number): Retry | undefined {
  if (task.idempotent !== true) return undefined;
  const retry = { data, left: maxRetries, max: maxRetries };
  return task.cancel === undefined ? retry : { ...retry, cancel: task.cancel };
}

/** Whether the job ended because its worker command was lost with it (not refused, not a task error). */
export function stalled(outcome: JobOutcome): boolean {
  return 'failed' in outcome && isStallReason(outcome.failed);
}

/** Whether BullMQ's failedReason says the job's lock lapsed (its worker died or froze). */
export function isStallReason(reason: string): boolean {
  return reason.startsWith(STALLED_REASON);
}

/** Why a stalled chunk was not run again, and what to do, for its WorkerCrashedError. */
export function stallHint(retry: Retry | undefined): string {
  const lost = 'its worker command stopped renewing the lock on this chunk (it died, or froze longer than --lock-duration)';
  if (retry === undefined) {
    return `${lost}, and the chunk was not run again: its call was not marked idempotent. If its tasks may run twice, ` +
      'pass { idempotent: true } and a lost chunk is sent to another worker';
  }
  const { max } = retry;
  return `${lost}; it was sent again ${max} time${max === 1 ? '' : 's'} (options.cluster.maxRetries), the most allowed`;
}

/** Takes one of `retry`'s chances when `outcome` is a stall: true when the chunk is to be sent again. */
export function takeRetry(retry: Retry | undefined, outcome: JobOutcome): retry is Retry {
  if (retry === undefined || retry.left <= 0 || retry.cancel?.aborted === true || !stalled(outcome)) return false;
  retry.left--;
  return true;
}
