import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.one-on-uncaught-error',
  statement: 'When the target raises an exception it does not catch, the Process exits with exit code 1.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.exitcode',
  needs: ['process'],
  async check(session) {
    const failing = await session.createProcess({ target: 'raiseError', args: ['boom (expected by the rule)'] });
    const risky = await session.createProcess({ target: 'risky', args: [0] });
    await failing.start();
    await risky.start();
    await failing.join();
    await risky.join();
    expectEqual(await failing.exitCode(), 1, 'exitCode() after raiseError()');
    expectEqual(await risky.exitCode(), 1, 'exitCode() after risky(0) raised ValueError');
  },
});
