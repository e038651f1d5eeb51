import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.null-before-start',
  statement: 'The pid of a Process is None (null) before the process is started.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.pid',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    expectEqual(await p.pid(), null, 'pid() before start()');
  },
});
