import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The slow chunk: a result that waited for it could not be ready within FAIL_MS. */
const LATE_MS = 15_000;
/** A failure is reported at once; this is the bound for a loaded machine. */
const FAIL_MS = 5000;

export default defineRule({
  id: 'pool.mapasync.fails-at-the-first-error',
  statement:
    'A map_async fails as soon as one chunk failed: get() raises that ValueError and the error_callback has run within 5 s, while a 15 s chunk of the same map still runs.',
  source: 'beyond',
  cpython: {
    does: 'Python waits for every chunk of the map before the result is ready (MapResult._set): get(5000) raises TimeoutError.',
    failure: /expected "ValueError", observed "TimeoutError/,
  },
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.starmap('slowSquare', [[0, 100], [0, 100]], 1);
      const result = await pool.starmapAsync('raiseAfter', [[0, 'early'], [LATE_MS, 'late']], 1);
      await expectErrorRejection(() => result.get(FAIL_MS), { name: 'ValueError', message: /^early$/ }, `get(${FAIL_MS}) while the ${LATE_MS} ms chunk runs`);
      expectEqual(await result.callbacks(), { values: [], errors: [{ name: 'ValueError', message: 'early' }] }, 'callbacks when get() raised');
    }, { mayHang: true });
  },
});
