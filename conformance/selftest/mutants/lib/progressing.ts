/**
 * What the pool.progress mutants share: a progressing call made on the reference, whose recorded updates the
 * mutant rewrites into what an implementation with its defect would have delivered.
 */
import type { PoolHandle, ProgressCall, ProgressOutcome, ProgressRecord } from '../../../harness/implementation.js';

export function rewritten(base: PoolHandle, rewrite: (updates: readonly ProgressRecord[], outcome: ProgressOutcome, call: ProgressCall) => ProgressRecord[]) {
  return async (call: ProgressCall): Promise<ProgressOutcome> => {
    const outcome = await base.progressing!(call);
    return { ...outcome, updates: rewrite(outcome.updates, outcome, call) };
  };
}

/** Whether `update` is a task's report (it carries a value), not a chunk finishing. */
export function isReport(update: ProgressRecord): boolean {
  return 'value' in update;
}
