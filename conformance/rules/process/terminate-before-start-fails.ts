import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.terminate.before-start-fails',
  statement: 'terminate() on a process that was never started is an error, and the process can still be started.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: BaseProcess.terminate',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [2] });
    // CPython fails with AttributeError ('NoneType' object has no attribute 'terminate'): no wording to match.
    await expectRejects(() => p.terminate(), /[\s\S]*/, 'terminate() before start()');
    expectEqual(await p.isAlive(), false, 'isAlive() after the refused terminate()');
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 2, 'exitCode() of exitWith(2) started after the refused terminate()');
  },
});
