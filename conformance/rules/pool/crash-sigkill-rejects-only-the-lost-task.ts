import { expectEqual, expectError, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.crash.sigkill-rejects-only-the-lost-task',
  statement: 'When a worker is killed (SIGKILL) while running a task, that task fails with WorkerCrashedError within 10 s and the other tasks still return their values.',
  source: 'beyond',
  cpython: {
    does: 'CPython never settles the task of a worker killed by SIGKILL: its get(10000) raises TimeoutError.',
    failure: /raised for the killed task \(error class name\): expected "WorkerCrashedError", observed "TimeoutError/,
  },
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Warm up first, so that the time bound below measures the crash, not the start of the workers.
      await pool.starmap('slowSquare', [[0, 200], [0, 200]], 1);
      const killed = await pool.applyAsync('killSelf', [9]);
      const others = [];
      for (const x of [1, 2, 3, 4, 5, 6]) others.push(await pool.applyAsync('slowSquare', [x, 100]));
      const started = performance.now();
      const error = await expectRejects(() => killed.get(10_000), /[^]*/, 'get(10000) of applyAsync(killSelf, [9])');
      expectError(error, { name: 'WorkerCrashedError' }, 'the error get() raised for the killed task');
      expectTrue(performance.now() - started < 10_000, 'the killed task failed before the 10 s get() timeout', error.message);
      const values = [];
      for (const other of others) values.push(await other.get(60_000));
      expectEqual(values, [1, 4, 9, 16, 25, 36], 'get(60000) of the six slowSquare tasks submitted with it');
    }, { mayHang: true, stopWithinMs: 3000 });
  },
});
