import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.close.lets-submitted-work-finish',
  statement: 'close() lets the work already submitted finish: join() after close() returns once it is done, and its results are all there.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.close',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const mapped = await pool.mapAsync('slowSquare', [1, 2, 3, 4, 5, 6], 1);
      const applied = await pool.applyAsync('slowSquare', [7, 800]);
      await pool.close();
      await pool.join();
      expectEqual(await mapped.ready(), true, 'ready() of mapAsync(slowSquare, [1…6]) once join() returned');
      expectEqual(await mapped.get(1000), [1, 4, 9, 16, 25, 36], 'get(1000) of mapAsync(slowSquare, [1…6]) after close() and join()');
      expectEqual(await applied.get(1000), 49, 'get(1000) of applyAsync(slowSquare, [7, 800]) after close() and join()');
    });
  },
});
