import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Far above an idle worker's RSS (a Node worker: 40–100 MiB) and far below what allocate(OVER_MB) brings it to. */
const LIMIT_MB = 180;
const OVER_MB = 240;

export default defineRule({
  id: 'pool.recycle.memory-limit-retires-the-worker-after-its-task',
  statement:
    'A worker whose resident set size is past maxMemoryPerChildMb after a task finishes that task (its value is returned) and runs nothing more: the next task runs in another process. A worker under the limit is kept.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has only maxtasksperchild: a worker grows until the system kills it (the driver does not claim pool.recycle).",
    failure: /does not claim pool\.recycle/,
  },
  // pool.workers-here: "kept" and "replaced" are told by the pid of the pool's one worker, task after task.
  needs: ['pool', 'pool.recycle', 'pool.workers-here'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1, maxMemoryPerChildMb: LIMIT_MB }, async (pool) => {
      const first = await pool.apply('getPid', []);
      expectEqual(await pool.apply('getPid', []), first, `the pid of a second task on Pool(1, maxMemoryPerChildMb ${LIMIT_MB}), its worker under the limit`);
      expectEqual(await pool.apply('allocate', [OVER_MB]), first, `allocate(${OVER_MB})'s value (the pid of the worker that ran it)`);
      const next = await pool.apply('getPid', []);
      expectTrue(next !== first, `the pid of the task after allocate(${OVER_MB}) differs from ${String(first)} (the worker past its limit was replaced)`, next);
    });
  },
});
