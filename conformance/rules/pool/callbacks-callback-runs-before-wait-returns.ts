import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.callbacks.callback-runs-before-wait-returns',
  statement:
    'The callback has already run when wait() or get() returns: the result becomes ready only after its callback was called (apply_async and map_async).',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: ApplyResult._set calls the callback, then sets the event that wait() and ready() read',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const applied = await pool.applyAsync('square', [7]);
      // No timeout: the plain wait() is the one that returned before the callback (CPython's test_map_async_callbacks).
      await applied.wait();
      expectEqual(await applied.callbacks(), { values: [49], errors: [] }, 'callbacks recorded as soon as wait() of applyAsync(square, [7]) returned');
      expectEqual(await applied.ready(), true, 'ready() after wait()');
      const mapped = await pool.mapAsync('square', [1, 2, 3], 1);
      expectEqual(await mapped.get(), [1, 4, 9], 'get() of mapAsync(square, [1, 2, 3], 1)');
      expectEqual(await mapped.callbacks(), { values: [[1, 4, 9]], errors: [] }, 'callbacks recorded as soon as get() of mapAsync returned');
      const waited = await pool.mapAsync('square', [4, 5], 1);
      await waited.wait();
      expectEqual(await waited.callbacks(), { values: [[16, 25]], errors: [] }, 'callbacks recorded as soon as wait() of mapAsync(square, [4, 5]) returned');
    });
  },
});
