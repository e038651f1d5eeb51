import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.initializer.runs-in-every-replacement-worker',
  statement:
    'A worker started to replace one that reached maxtasksperchild runs the initializer too, once, before its task: with processes=1 and maxtasksperchild=1, four tasks see the initializer\'s state and four processes ran it.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.initializer', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'init.txt');
    await withPool(session, { processes: 1, maxTasksPerChild: 1, initializer: 'recordInit', initargs: [path, 'v'] }, async (pool) => {
      const values = await pool.map('initValue', [0, 1, 2, 3], 1);
      expectEqual(values, ['v', 'v', 'v', 'v'], 'map(initValue, [0, 1, 2, 3], 1): the state each task saw');
      await pool.close();
      await pool.join();
    });
    const lines = (await readFile(path, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
    expectTrue(lines.every((line) => /^\d+ v$/.test(line)), 'every initializer line reads "<pid> v"', lines);
    const pids = new Set(lines.map((line) => line.split(' ')[0]));
    // Python starts a fifth worker once the fourth exits, which may run the initializer before close() stops it.
    expectTrue(lines.length >= 4 && pids.size === lines.length, 'the initializer ran at least four times, each time in a new process', lines);
  },
});
