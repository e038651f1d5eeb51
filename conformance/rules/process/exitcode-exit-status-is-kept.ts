import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.exit-status-is-kept',
  statement: 'When the target ends its process with exit status N (sys.exit(N)), the exit code is N.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.exitcode',
  needs: ['process'],
  async check(session) {
    const codes = [3, 0, 255, 1, 42];
    const children = [];
    for (const code of codes) children.push(await session.createProcess({ target: 'exitWith', args: [code] }));
    for (const child of children) await child.start();
    for (const child of children) await child.join();
    const observed = [];
    for (const child of children) observed.push(await child.exitCode());
    expectEqual(observed, codes, 'exitCode() of exitWith(3), exitWith(0), exitWith(255), exitWith(1), exitWith(42)');
  },
});
