import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** How long each task waits for its partner: started at once, they meet within milliseconds. */
const RENDEZVOUS_MS = 10_000;

export default defineRule({
  id: 'pool.crash.pool-stays-usable-after-crash',
  statement: 'After a worker was killed in the middle of a task, the Pool replaces it and keeps running new work on as many workers as before.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._maintain_pool',
  needs: ['pool'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Warm up first, so that the killSelf task starts at once.
      await pool.starmap('slowSquare', [[0, 200], [0, 200]], 1);
      const killed = await pool.applyAsync('killSelf', [9]);
      // Whether the lost task is reported (an error) or left pending (Python) is not what this rule asks.
      await killed.wait(3000);
      const after = await pool.mapAsync('square', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expectEqual(await after.get(60_000), [1, 4, 9, 16, 25, 36, 49, 64, 81, 100], 'map_async(square, [1…10]).get(60000) after the crash');
      // Two tasks that each wait for the other both see two only if they run side by side: the pool is back to
      // two workers. Timing-free: a loaded machine cannot make it pass or fail.
      const meet = (name: string) => [context.tmpdir, name, 2, RENDEZVOUS_MS];
      const pair = await pool.starmapAsync('rendezvous', [meet('a'), meet('b')], 1);
      expectEqual(await pair.get(60_000), [2, 2], `starmap_async(rendezvous, two tasks that wait up to ${RENDEZVOUS_MS} ms for each other) after the crash`);
    }, { mayHang: true, stopWithinMs: 3000 });
  },
});
