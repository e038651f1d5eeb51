import { RuleFailure, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { stopPoolWithin } from '../../harness/stop-pool.js';

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
    const pool = await session.createPool!({ processes: 2 });
    try {
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
      const error = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
      expectEqual(error.name, 'WorkerCrashedError', 'class name of the error starmap(sleepThenExit, …) raised');
    } finally {
      // Bounded: where a crash leaves the pool hung (Python), session.close() cleans up instead.
      await stopPoolWithin(pool);
    }
  },
});
