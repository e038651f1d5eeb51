/**
 * A call's `{ idempotent: true }`: the caller's word that its tasks may run more than once without harm (their
 * effects are the same however many times they run). It is a permission, not a demand: a backend that can lose
 * a task with its worker may then run it again instead of failing it. The cluster pool does (a chunk whose
 * worker command died is sent again, at most `options.cluster.maxRetries` times); a local pool never re-runs a
 * task, so there the option changes nothing, and code moves between the two unchanged.
 */
import { describeValue } from '../describe-value.js';

/** @python — (Python's Pool never runs a task twice; Ray's tasks have `max_retries`, Celery's `acks_late`) */
export interface IdempotentOptions {
  /**
   * The call's tasks may run more than once: a cluster pool whose worker command dies mid-chunk sends that chunk
   * to another worker (at most `options.cluster.maxRetries` times) instead of failing it with WorkerCrashedError.
   * Each item's result is still delivered once. A local pool never re-runs a task: there it changes nothing.
   */
  readonly idempotent?: boolean;
}

export const IDEMPOTENT_OPTION_KEYS = ['idempotent'] satisfies (keyof IdempotentOptions)[];

/** `true` when the call said `idempotent: true`, undefined otherwise (nothing rides on its chunks then). */
export function readIdempotent(options: IdempotentOptions | undefined | null, method: string): true | undefined {
  const value = options?.idempotent;
  if (value === undefined || value === false) return undefined;
  if (value === true) return true;
  throw new TypeError(`Pool.${method}(…, options): idempotent must be true (its tasks may run again if their worker ` +
    `dies) or false, got ${describeValue(value)}`);
}
