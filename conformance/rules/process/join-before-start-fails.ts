import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.join.before-start-fails',
  statement: 'Joining a process before it has been started is an error.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.join',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    await expectRejects(() => p.join(), /can only join a started process/, 'join() before start()');
    await expectRejects(() => p.join(100), /can only join a started process/, 'join(100) before start()');
  },
});
