import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Items per map: Python's heuristic cuts 400 items on 2 workers into 8 chunks of 50, whatever they cost. */
const N = 400;
/** The most work a chunk may hold, in ms (issue 19: 10–50 ms a chunk). */
const MAX_CHUNK_MS = 50;
/** What each slow item costs at least: slowSquare sleeps this long. */
const SLOW_MS = 2;

export default defineRule({
  id: 'pool.map.default-chunks-follow-the-work',
  statement:
    'Without a chunksize, map cuts its input by the measured work of the function\'s earlier chunks, not by item count: ' +
    `once each function has run a map, ${N} trivial items (square) are finished in fewer tasks than ${N} items of ` +
    `${SLOW_MS} ms or more each (slowSquare), and no task of the slow map holds more than ${MAX_CHUNK_MS} ms of work, so it takes ` +
    `at least ${N / (MAX_CHUNK_MS / SLOW_MS)} tasks. Counted in tasks, never by the clock.`,
  source: 'beyond',
  cpython: {
    does: 'Python cuts every map into ceil(len / (4 * processes)) items a chunk, whatever the items cost (the driver does not claim pool.chunks-by-work).',
    failure: /does not claim pool\.chunks-by-work/,
  },
  needs: ['pool', 'pool.chunks-by-work'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const ints = Array.from({ length: N }, (_, i) => i);
      const slow = ints.map((i) => [i, SLOW_MS]);
      // The first map of each function: nothing measured yet.
      await pool.map('square', ints);
      await pool.starmap('slowSquare', slow);
      const tasksOf = async (call: () => Promise<unknown>): Promise<number> => {
        const before = await pool.tasksDone!();
        await call();
        return (await pool.tasksDone!()) - before;
      };
      const trivial = await tasksOf(() => pool.map('square', ints));
      const slowTasks = await tasksOf(() => pool.starmap('slowSquare', slow));
      expectTrue(trivial < slowTasks, `map(square, range(${N})) took fewer tasks than starmap(slowSquare, ${N} × ${SLOW_MS} ms)`, { trivial, slow: slowTasks });
      expectTrue(slowTasks >= N / (MAX_CHUNK_MS / SLOW_MS), `starmap(slowSquare, ${N} × ${SLOW_MS} ms) took at least ${N / (MAX_CHUNK_MS / SLOW_MS)} tasks`, { slow: slowTasks });
    });
  },
});
