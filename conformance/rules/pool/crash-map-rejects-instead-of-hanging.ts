import { RuleFailure, expectError } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.crash.map-rejects-instead-of-hanging',
  statement: 'A map whose task ends its worker process raises WorkerCrashedError within 10 s instead of waiting forever.',
  source: 'beyond',
  cpython: {
    does: 'CPython replaces the worker but never settles its tasks: map() waits forever.',
    failure: /starmap\(sleepThenExit, .*observed "still pending after 10 s"/,
  },
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Warm up first, so that the time bound below measures the crash, not the start of the workers.
      await pool.starmap('slowSquare', [[0, 200], [0, 200]], 1);
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        pool.starmap('sleepThenExit', [[100, 7], [100, 7], [100, 7]], 1).then((value) => ({ value }), (error: unknown) => ({ error })),
        new Promise<{ pending: true }>((resolve) => (timer = setTimeout(() => resolve({ pending: true }), 10_000))),
      ]);
      clearTimeout(timer);
      if (!('error' in outcome)) {
        throw new RuleFailure('starmap(sleepThenExit, [[100, 7] ×3], 1)', 'a WorkerCrashedError within 10 s',
          'value' in outcome ? `resolved with ${JSON.stringify(outcome.value)}` : 'still pending after 10 s');
      }
      expectError(outcome.error, { name: 'WorkerCrashedError' }, 'the error starmap(sleepThenExit, …) raised');
    }, { mayHang: true, stopWithinMs: 3000 });
  },
});
