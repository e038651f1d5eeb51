import { expectEqual } from '../../harness/expect.js';
import { pythonOlderThan } from '../../harness/python-facts.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.exit-none-is-zero',
  statement:
    'A target that ends its process with exit(None) (null) leaves exit code 0, as a target that returns (since ' +
    'Python 3.9; 3.8 takes SystemExit(None) for an error: it prints "None" to stderr and the exit code is 1).',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _bootstrap maps SystemExit(None) to exit code 0',
  needs: ['process'],
  async check(session, context) {
    const p = await session.createProcess({ target: 'exitWith', args: [null] });
    await p.start();
    await p.join();
    // 3.8's _bootstrap tested isinstance(e.args[0], int), and None is not an int.
    const expected = pythonOlderThan(context.python, '3.9') ? 1 : 0;
    expectEqual(await p.exitCode(), expected, 'exitCode() of exitWith(null)');
  },
});
