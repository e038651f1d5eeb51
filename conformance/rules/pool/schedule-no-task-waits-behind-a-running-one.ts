import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** How long each task of the pair waits for the other: the busy worker frees up after BUSY_MS. */
const MEET_MS = 15_000;
const BUSY_MS = 1500;

export default defineRule({
  id: 'pool.schedule.no-task-waits-behind-a-running-one',
  statement:
    'A task waits for a free worker, never behind another task still running: with one of two workers busy, two tasks ' +
    'that wait for each other meet once the busy worker frees up, even after the task function was seen to be quick.',
  source: 'python-docs',
  // Each worker takes the next task from the pool's one task queue when, and only when, it is free.
  python: 'Lib/multiprocessing/pool.py: worker() reads its next task from the shared inqueue after the last one returned',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Many quick calls first: a pool that hands a quick function's tasks out ahead of time has seen this one.
      const quick = [];
      for (let i = 0; i < 60; i++) {
        const own = join(context.tmpdir, `warm-${i}`);
        await mkdir(own);
        quick.push([own, 'w', 1, MEET_MS]);
      }
      expectEqual(await pool.starmap('rendezvous', quick, 1), quick.map(() => 1),
        'starmap(rendezvous, 60 tasks that each wait only for themselves, each in a directory of its own, 1)');
      // One worker busy for BUSY_MS; the pair comes once that worker's task is well under way.
      const busy = await pool.applyAsync('sleepFor', [BUSY_MS]);
      await sleep(300);
      const dir = join(context.tmpdir, 'pair');
      await mkdir(dir);
      const pair = await pool.starmapAsync('rendezvous', [[dir, 'a', 2, MEET_MS], [dir, 'b', 2, MEET_MS]], 1);
      expectEqual(await pair.get(60_000), [2, 2],
        `starmap_async(rendezvous, two tasks that wait up to ${MEET_MS} ms for each other), submitted while the other worker runs sleepFor(${BUSY_MS})`);
      await busy.get(60_000);
    });
  },
});
