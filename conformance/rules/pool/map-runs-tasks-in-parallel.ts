import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** How long each task waits for its partners: started at once, they meet within milliseconds. */
const RENDEZVOUS_MS = 10_000;

export default defineRule({
  id: 'pool.map.runs-tasks-in-parallel',
  statement: 'A Pool runs tasks in its workers at the same time: four tasks on four workers all run at once.',
  source: 'seed',
  python: 'seed: Practical: Sequential vs Parallel Execution',
  needs: ['pool'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 4 }, async (pool) => {
      // Let the workers start first: the rule is about running tasks, not about starting processes.
      await pool.map('square', [1, 2, 3, 4], 1);
      // Each task waits until all four are running: four only if they ran at the same time. Timing-free, so a
      // loaded machine cannot make it pass or fail; one at a time, each would see fewer partners and give up.
      const meet = (name: string) => [context.tmpdir, name, 4, RENDEZVOUS_MS];
      const seen = await pool.starmap('rendezvous', [meet('a'), meet('b'), meet('c'), meet('d')], 1);
      expectEqual(seen, [4, 4, 4, 4], `starmap(rendezvous, four tasks that wait up to ${RENDEZVOUS_MS} ms for each other) on Pool(processes=4)`);
    });
  },
});
