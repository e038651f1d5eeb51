import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.initializer.runs-once-per-worker',
  statement: 'The Pool initializer runs once in each worker process, before that worker runs any task.',
  source: 'seed',
  python: 'seed: Pool with Initializer',
  needs: ['pool', 'pool.workers-here', 'pool.initializer'],
  timeoutMs: 180_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'init.txt');
    const taskPids = await withPool(session, { processes: 2, initializer: 'recordInit', initargs: [path, 'ready'] }, async (pool) => {
      const pids = await pool.starmap('getPid', Array.from({ length: 20 }, () => []), 1);
      // close() and join(): every worker has ended, so every initializer line is written.
      await pool.close();
      await pool.join();
      return pids;
    });
    const text = await readFile(path, 'utf8').catch(() => '');
    const lines = text.split('\n').filter((line) => line !== '');
    expectTrue(lines.length >= 1 && lines.length <= 2, 'initializer lines written by Pool(processes=2) (1 or 2)', lines);
    expectTrue(lines.every((line) => /^\d+ ready$/.test(line)), 'every initializer line reads "<pid> ready"', lines);
    const initPids = lines.map((line) => Number(line.split(' ')[0]));
    expectTrue(new Set(initPids).size === initPids.length, 'no worker ran the initializer twice (distinct pids)', lines);
    const missing = [...new Set(taskPids)].filter((pid) => !initPids.includes(pid as number));
    expectTrue(missing.length === 0, 'every worker that ran a task had run the initializer', { taskPids: [...new Set(taskPids)], lines });
  },
});
