import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.differs-from-parent',
  statement: 'A started Process has a positive integer pid that differs from the pid of the process that started it.',
  source: 'seed',
  python: 'seed: Separate Process IDs',
  needs: ['process'],
  async check(session) {
    const parent = await session.currentProcess();
    const p = await session.createProcess({ target: 'noop' });
    await p.start();
    const pid = await p.pid();
    await p.join();
    expectTrue(Number.isInteger(pid) && (pid as number) > 0, 'pid() after start() is a positive integer', pid);
    expectTrue(pid !== parent.pid, `pid() after start() differs from the parent's pid ${parent.pid}`, pid);
  },
});
