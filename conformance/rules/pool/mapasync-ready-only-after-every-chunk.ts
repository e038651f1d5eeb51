import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The slow chunk: far longer than the early one takes to fail, even on a loaded machine. */
const LATE_MS = 6000;
/** How long the rule waits before looking: the early failure has arrived by then, the late chunk is still running. */
const LOOK_MS = 2500;

export default defineRule({
  id: 'pool.mapasync.ready-only-after-every-chunk',
  statement:
    'A map_async whose first chunk failed is not ready, and its error_callback is not called, until its other chunks have finished: then get() raises the first exception.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: MapResult._set ("only consider the result ready once all jobs are done")',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.starmap('slowSquare', [[0, 100], [0, 100]], 1);
      const result = await pool.starmapAsync('raiseAfter', [[0, 'early'], [LATE_MS, 'late']], 1);
      await result.wait(LOOK_MS);
      expectEqual(await result.ready(), false, `ready() ${LOOK_MS} ms in: "early" failed, "late" still runs for ${LATE_MS} ms`);
      expectEqual((await result.callbacks()).errors, [], `errors the error_callback received ${LOOK_MS} ms in`);
      await expectErrorRejection(() => result.get(60_000), { name: 'ValueError', message: /^early$/ }, 'get(60000) once every chunk finished');
      expectEqual(await result.callbacks(), { values: [], errors: [{ name: 'ValueError', message: 'early' }] }, 'callbacks once it is ready');
    });
  },
});
