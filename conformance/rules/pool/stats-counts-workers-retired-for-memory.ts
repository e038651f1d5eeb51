import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Far above an idle worker's RSS (a Node worker: 40–100 MiB) and far below what allocate(OVER_MB) brings it to. */
const LIMIT_MB = 180;
const OVER_MB = 240;

export default defineRule({
  id: 'pool.stats.counts-workers-retired-for-memory',
  statement:
    'pool.stats() counts a worker retired past maxMemoryPerChildMb in recycled.memory, and nowhere else, by the time the task that pushed it past the limit has returned: on Pool(1, maxMemoryPerChildMb 180), once allocate(240) has returned, recycled is { tasks: 0, memory: 1, crash: 0, timeout: 0, cancel: 0 }.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has neither stats nor a memory limit (the driver claims neither pool.stats nor pool.recycle).",
    failure: /does not claim pool\.(stats|recycle)/,
  },
  needs: ['pool', 'pool.stats', 'pool.recycle'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1, maxMemoryPerChildMb: LIMIT_MB }, async (pool) => {
      await pool.apply('allocate', [0]);
      expectEqual((await pool.stats!()).recycled, { tasks: 0, memory: 0, crash: 0, timeout: 0, cancel: 0 },
        `pool.stats().recycled after allocate(0) on Pool(1, maxMemoryPerChildMb ${LIMIT_MB})`);
      await pool.apply('allocate', [OVER_MB]);
      expectEqual((await pool.stats!()).recycled, { tasks: 0, memory: 1, crash: 0, timeout: 0, cancel: 0 },
        `pool.stats().recycled once allocate(${OVER_MB}) has returned`);
    });
  },
});
