import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.kept-after-exit',
  statement: 'After the child has exited and been joined, pid still reports the pid it ran with.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: BaseProcess.ident',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    await p.start();
    const running = await p.pid();
    expectTrue(running !== null, 'pid() after start()', running);
    await p.join();
    expectEqual(await p.pid(), running, 'pid() after join(), against pid() after start()');
  },
});
