import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.mapasync.error-callback-gets-one-error',
  statement:
    'When several chunks of a map_async fail, the error_callback is called once, with a ValueError of a failed item, and the callback never; get() raises that error.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: MapResult._set stores and reports only the first exception',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.mapAsync('risky', [0, 1, 0, 2, 0, 4], 1);
      await expectErrorRejection(() => result.get(60_000), { name: 'ValueError', message: /^Cannot process zero!$/ }, 'get(60000) of mapAsync(risky, [0, 1, 0, 2, 0, 4], 1)');
      // Python reports only after every chunk; a pool that fails fast has the later failures arrive now.
      await pool.close();
      await pool.join();
      expectEqual(await result.callbacks(), { values: [], errors: [{ name: 'ValueError', message: 'Cannot process zero!' }] },
        'callbacks of mapAsync(risky, [0, 1, 0, 2, 0, 4], 1) once the pool has joined (three chunks failed)');
    });
  },
});
