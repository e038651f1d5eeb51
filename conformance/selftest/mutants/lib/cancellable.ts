/**
 * What the pool.cancel mutants share: a cancellable call whose real signal is never aborted, so that a mutant
 * decides what an abort does to the caller while the task runs on as if nothing happened.
 */
import type { CancellableCall, CancellableHandle, CancellableOutcome, PoolHandle } from '../../../harness/implementation.js';

export const ABORT_ERROR = (cause: string): CancellableOutcome => ({
  settled: 'rejected',
  error: { name: 'AbortError', message: 'the call was aborted', cause },
  afterwards: 0,
});

/**
 * `call` made on `base` without its abort reaching the pool: `onAbort` is told of the abort instead, and
 * `outcome` says what the caller sees given the reason (undefined before the abort) and the real outcome.
 */
export async function detached(base: PoolHandle, call: CancellableCall,
  outcome: (reason: string | undefined, real: CancellableOutcome) => CancellableOutcome): Promise<CancellableHandle> {
  const inner = await base.cancellable!(call);
  let reason: string | undefined;
  return {
    abort: async (given) => {
      reason = given;
    },
    outcome: async () => outcome(reason, await inner.outcome()),
  };
}
