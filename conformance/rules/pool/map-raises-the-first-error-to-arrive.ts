import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expectEqual } from '../../harness/expect.js';
import type { PoolHandle } from '../../harness/implementation.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** How long each worker waits for the other at the rendezvous: both are idle, so they meet at once. */
const MEET_MS = 10_000;

/** Returns once both workers are idle: two tasks that each wait for the other can only meet on two free workers. */
async function bothWorkersFree(pool: PoolHandle, dir: string): Promise<void> {
  await mkdir(dir);
  const met = await pool.starmap('rendezvous', [[dir, 'a', 2, MEET_MS], [dir, 'b', 2, MEET_MS]], 1);
  expectEqual(met, [2, 2], `starmap(rendezvous, two tasks that wait up to ${MEET_MS} ms for each other)`);
}

export default defineRule({
  id: 'pool.map.raises-the-first-error-to-arrive',
  statement:
    'When several items of a map fail, map() raises the exception that arrived first, not the one of the lowest index: item 0 failing after 1.5 s loses to item 1 failing at once.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: MapResult._set stores only the first exception, in the order results arrive',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Both items must start at once, one in each worker: the workers are up and idle before each map.
      await bothWorkersFree(pool, join(context.tmpdir, 'first'));
      await expectErrorRejection(() => pool.starmap('raiseAfter', [[1500, 'late'], [0, 'early']], 1), { name: 'ValueError', message: /^early$/ },
        'starmap(raiseAfter, [[1500, "late"], [0, "early"]], 1)');
      // A pool that raised at once may still be running "late": wait until both workers are idle again.
      await bothWorkersFree(pool, join(context.tmpdir, 'second'));
      const result = await pool.starmapAsync('raiseAfter', [[1500, 'late'], [0, 'early']], 1);
      await expectErrorRejection(() => result.get(60_000), { name: 'ValueError', message: /^early$/ }, 'get(60000) of the same starmapAsync');
    });
  },
});
