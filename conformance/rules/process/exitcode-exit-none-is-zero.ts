import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.exit-none-is-zero',
  statement: 'A target that ends its process with exit(None) (null) leaves exit code 0, as a target that returns.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _bootstrap maps SystemExit(None) to exit code 0',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [null] });
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 0, 'exitCode() of exitWith(null)');
  },
});
