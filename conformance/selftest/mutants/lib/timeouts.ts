/**
 * What the pool.timeout mutants share: a cancellable call whose caller sees TaskTimeoutError once `timeoutMs`
 * has passed since the call while the real call is still pending, whatever the real task does meanwhile.
 */
import type { CancellableCall, CancellableHandle, CancellableOutcome, PoolHandle } from '../../../harness/implementation.js';

const TIMED_OUT: CancellableOutcome = {
  settled: 'rejected',
  error: { name: 'TaskTimeoutError', message: 'the call ran past its timeoutMs' },
  afterwards: 0,
};

/**
 * `call` made on `base` as `made` (the call itself by default), timed by the caller from its submission: the
 * outcome is TaskTimeoutError for good once `ms` (the call's timeoutMs by default) has passed with the real call
 * still pending.
 */
export async function timedFromSubmission(base: PoolHandle, call: CancellableCall, made: CancellableCall = call,
  ms: number | undefined = call.timeoutMs): Promise<CancellableHandle> {
  const since = Date.now();
  const inner = await base.cancellable!(made);
  let expired = false;
  return {
    abort: (reason) => inner.abort(reason),
    outcome: async () => {
      const real = await inner.outcome();
      if (expired) return TIMED_OUT;
      if (ms === undefined || real.settled !== 'pending' || Date.now() - since < ms) return real;
      expired = true;
      return TIMED_OUT;
    },
  };
}
