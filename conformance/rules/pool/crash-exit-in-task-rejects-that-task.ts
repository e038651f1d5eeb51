import { RuleFailure, expectError } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.crash.exit-in-task-rejects-that-task',
  statement: 'A task that ends its worker process (exit status 3) makes apply() raise WorkerCrashedError within 10 s instead of hanging.',
  source: 'beyond',
  cpython: {
    does: 'CPython replaces the worker but never settles the task it was running: apply() waits forever.',
    failure: /apply\(exitWith, \[3\]\): .*observed "still pending after 10 s"/,
  },
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Warm up first, so that the time bound below measures the crash, not the start of the workers.
      await pool.starmap('slowSquare', [[0, 200], [0, 200]], 1);
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        pool.apply('exitWith', [3]).then((value) => ({ value }), (error: unknown) => ({ error })),
        new Promise<{ pending: true }>((resolve) => (timer = setTimeout(() => resolve({ pending: true }), 10_000))),
      ]);
      clearTimeout(timer);
      if (!('error' in outcome)) {
        throw new RuleFailure('apply(exitWith, [3])', 'a WorkerCrashedError within 10 s', 'value' in outcome ? `resolved with ${String(outcome.value)}` : 'still pending after 10 s');
      }
      expectError(outcome.error, { name: 'WorkerCrashedError' }, 'the error apply(exitWith, [3]) raised');
    }, { mayHang: true, stopWithinMs: 3000 });
  },
});
