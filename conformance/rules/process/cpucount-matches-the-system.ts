import { cpus } from 'node:os';
import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.cpucount.matches-the-system',
  statement: 'cpu_count() is the number of CPUs in the system.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.cpu_count',
  needs: ['process'],
  async check(session) {
    // The implementation runs on this machine, so it must count what Node counts here.
    expectEqual(await session.cpuCount(), cpus().length, 'cpuCount() against os.cpus().length on the same machine');
  },
});
