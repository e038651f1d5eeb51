import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.parent.main-has-none',
  statement: 'In the main process, parent_process() is None (null).',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.parent_process',
  needs: ['process', 'process.parent'],
  async check(session) {
    expectEqual(await session.parentProcess!(), null, 'parentProcess() in the process that creates the processes');
  },
});
