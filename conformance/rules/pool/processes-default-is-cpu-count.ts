import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.processes.default-is-cpu-count',
  statement: 'A Pool created without processes starts cpu_count() workers: as many as the machine has CPUs (counted by the initializer, which each worker runs once, in its own process).',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.workers-here', 'pool.initializer'],
  timeoutMs: 180_000,
  async check(session, context) {
    // The machine's count as the suite sees it, not the implementation's cpuCount(): a Pool that sizes itself from a
    // wrong cpuCount() must not pass on its own word (process.cpucount.matches-the-system checks cpuCount()).
    const cpus = os.cpus().length;
    const path = join(context.tmpdir, 'init.txt');
    await withPool(session, { initializer: 'recordInit', initargs: [path, 'w'] }, async (pool) => {
      // Enough slow work that every worker has something to do before close().
      await pool.map('slowSquare', Array.from({ length: cpus * 4 }, (_, i) => i), 1);
      // close() and join(): every worker has ended, so every initializer line is written.
      await pool.close();
      await pool.join();
    });
    const lines = (await readFile(path, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
    const pids = new Set(lines.map((line) => line.split(' ')[0]));
    expectEqual(pids.size, cpus, `distinct workers that ran the initializer in Pool() on a machine with ${cpus} CPUs`);
    const parent = String((await session.currentProcess()).pid);
    expectTrue(!pids.has(parent) && !pids.has(String(process.pid)), 'every initializer ran outside the parent', [...pids]);
  },
});
