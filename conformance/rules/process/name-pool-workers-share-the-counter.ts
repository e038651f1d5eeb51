import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const numberOf = (name: string, pattern: RegExp) => Number(pattern.exec(name)?.[1] ?? NaN);

export default defineRule({
  id: 'process.name.pool-workers-share-the-counter',
  statement:
    "Pool workers take their numbers from the counter of default names: workers of a Pool created between " +
    "'Process-A' and 'Process-B' are numbered between A and B.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: every BaseProcess, pool workers included, takes next(_process_counter)',
  needs: ['process', 'pool'],
  async check(session) {
    const before = await (await session.createProcess({ target: 'noop' })).name();
    // Whichever workers ran the items: each is numbered between the two Processes.
    const workers = await withPool(session, { processes: 2 }, async (pool) => {
      const seen = await pool.map('workerIdentity', [0, 1, 2, 3, 4, 5], 1);
      return [...new Set((seen as { name: string }[]).map((identity) => identity.name))];
    });
    const after = await (await session.createProcess({ target: 'noop' })).name();
    const a = numberOf(before, /^Process-([0-9]+)$/);
    const b = numberOf(after, /^Process-([0-9]+)$/);
    const numbers = workers.map((name) => numberOf(name, /PoolWorker-([0-9]+)$/));
    expectTrue(
      numbers.length > 0 && numbers.every((n) => Number.isInteger(n) && a < n && n < b),
      `pool workers numbered between ${before} and ${after}`,
      workers,
    );
  },
});
