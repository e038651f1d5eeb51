import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.kill.before-start-fails',
  statement: 'kill() on a process that was never started is an error, and the process can still be started.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: BaseProcess.kill',
  needs: ['process', 'process.kill'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [2] });
    // CPython fails with AttributeError ('NoneType' object has no attribute 'kill'): no wording to match.
    await expectRejects(() => p.kill(), /[\s\S]*/, 'kill() before start()');
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 2, 'exitCode() of exitWith(2) started after the refused kill()');
  },
});
