import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Time for a callback that is coming to arrive; the result itself is ready at once. */
const SETTLE_MS = 500;

export default defineRule({
  id: 'pool.mapasync.empty-input-never-calls-the-callback',
  statement: 'map_async and starmap_async of an empty input are ready at once with [], and neither their callback nor their error_callback is ever called.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: MapResult.__init__ with chunksize 0 (empty input) sets the event without calling the callback',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const mapped = await pool.mapAsync('square', []);
      const starred = await pool.starmapAsync('power', []);
      expectEqual([await mapped.get(5000), await starred.get(5000)], [[], []], 'get(5000) of mapAsync(square, []) and starmapAsync(power, [])');
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      for (const [what, result] of [['mapAsync(square, [])', mapped], ['starmapAsync(power, [])', starred]] as const) {
        expectEqual(await result.callbacks(), { values: [], errors: [] }, `callbacks of ${what} ${SETTLE_MS} ms after it was ready`);
      }
    });
  },
});
