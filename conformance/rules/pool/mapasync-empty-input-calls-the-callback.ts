import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.mapasync.empty-input-calls-the-callback',
  statement:
    'map_async and starmap_async of an empty input are ready at once with [], and their callback is called once with [], as for any result that becomes ready.',
  source: 'beyond',
  cpython: {
    does: 'CPython marks an empty map_async ready without calling its callback (MapResult.__init__ with chunksize 0), against the documentation\'s "When the result becomes ready callback is applied to it".',
    failure: /expected \{ values: \[ \[\] \], errors: \[\] \}, observed \{ values: \[\], errors: \[\] \}/,
  },
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      for (const [what, result] of [
        ['mapAsync(square, [])', await pool.mapAsync('square', [])],
        ['starmapAsync(power, [])', await pool.starmapAsync('power', [])],
      ] as const) {
        expectEqual(await result.get(5000), [], `get(5000) of ${what}`);
        await eventually(() => result.callbacks(), (seen) => seen.values.length > 0, 2000);
        expectEqual(await result.callbacks(), { values: [[]], errors: [] }, `callbacks of ${what}`);
      }
    });
  },
});
