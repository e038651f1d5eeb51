import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.crash.pool-stays-usable-after-crash',
  statement: 'After a worker was killed in the middle of a task, the Pool replaces it and keeps running new work on as many workers as before.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._maintain_pool',
  needs: ['pool'],
  timeoutMs: 180_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      // Warm up first, so that the killSelf task starts at once.
      await pool.starmap('slowSquare', [[0, 200], [0, 200]], 1);
      const killed = await pool.applyAsync('killSelf', [9]);
      // Whether the lost task is reported (an error) or left pending (Python) is not what this rule asks.
      await killed.wait(3000);
      const after = await pool.mapAsync('square', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expectEqual(await after.get(60_000), [1, 4, 9, 16, 25, 36, 49, 64, 81, 100], 'map_async(square, [1…10]).get(60000) after the crash');
      // Two 2.5 s tasks finish in under 5 s only if they run side by side: the pool is back to two workers.
      const started = performance.now();
      const pair = await pool.starmapAsync('slowSquare', [[2, 2500], [3, 2500]], 1);
      expectEqual(await pair.get(60_000), [4, 9], 'starmap_async(slowSquare, two 2500 ms items).get(60000) after the crash');
      const took = performance.now() - started;
      expectTrue(took < 4800, 'two 2500 ms tasks after the crash ran side by side (under 4800 ms)', `${Math.round(took)} ms`);
    } finally {
      // Bounded: should terminate() hang on a pool that lost a worker, session.close() cleans up instead.
      let timer: NodeJS.Timeout | undefined;
      const cleanup = (async () => {
        await pool.terminate().catch(() => undefined);
        await pool.join().catch(() => undefined);
      })();
      await Promise.race([cleanup, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
      clearTimeout(timer);
    }
  },
});
