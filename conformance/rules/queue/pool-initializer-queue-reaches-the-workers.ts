import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'queue.pool.initializer-queue-reaches-the-workers',
  statement:
    'A queue passed in a Pool initializer\'s initargs is usable by every task the workers run: the parent gets every item they put.',
  source: 'python-docs',
  // Queues are shared "through inheritance": Pool's initargs go to each worker as it is created.
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.initializer', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    await withPool(session, { processes: 2, initializer: 'rememberQueue', initargs: [queue] }, async (pool) => {
      const items = [0, 1, 2, 3, 4, 5];
      await pool.map('putOnRemembered', items, 1);
      // The tasks have returned, so their items are at most in flight (CPython's feeder thread): seconds are plenty.
      const got = [];
      for (let i = 0; i < items.length; i++) got.push(await queue.get({ timeoutMs: 10_000 }));
      expectEqual((got as number[]).sort((a, b) => a - b), items, 'items the parent got after map(putOnRemembered, range(6)), sorted');
    });
  },
});
