import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.non-numeric-status-is-one',
  statement: "A target that ends its process with a non-numeric exit status (exit('message')) leaves exit code 1.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _bootstrap writes a non-int SystemExit code to stderr and exits with 1',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: ['leaving with a message'] });
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 1, "exitCode() of exitWith('leaving with a message')");
  },
});
