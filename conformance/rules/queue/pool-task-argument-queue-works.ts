import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'queue.pool.task-argument-queue-works',
  statement:
    "A queue passed as a Pool task's argument works in the worker (CPython refuses to pickle it: RuntimeError, Queue objects should only be shared through inheritance).",
  source: 'beyond',
  cpython: {
    does: 'CPython refuses to pickle a Queue passed as a task argument: RuntimeError, Queue objects should only be shared between processes through inheritance.',
    failure: /RuntimeError: Queue objects should only be shared between processes through inheritance/,
  },
  needs: ['pool', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.starmap('putSquare', [[0, queue], [1, queue], [2, queue]], 1);
      // The tasks have returned, so their items are at most in flight (CPython's feeder thread): seconds are plenty.
      const got = [];
      for (let i = 0; i < 3; i++) got.push(await queue.get({ timeoutMs: 10_000 }));
      const squares = (got as number[][]).map(([n, square]) => [n, square]).sort((a, b) => a[0]! - b[0]!);
      expectEqual(squares, [[0, 0], [1, 1], [2, 4]], '(n, n*n) the parent got after starmap(putSquare, [(0, q), (1, q), (2, q)])');
    });
  },
});
