import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.status-is-taken-modulo-256',
  statement:
    'An exit status outside 0–255 reaches the parent as the system keeps it, its low 8 bits: exit(256) gives 0, ' +
    'exit(300) gives 44, exit(-1) gives 255 (never a negative code, which means a signal).',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _bootstrap returns an int SystemExit code, which os._exit passes to the system',
  needs: ['process'],
  async check(session) {
    const codes = [256, 300, -1];
    const children = [];
    for (const code of codes) children.push(await session.createProcess({ target: 'exitWith', args: [code] }));
    for (const child of children) await child.start();
    for (const child of children) await child.join();
    const observed = [];
    for (const child of children) observed.push(await child.exitCode());
    expectEqual(observed, [0, 44, 255], 'exitCode() of exitWith(256), exitWith(300), exitWith(-1)');
  },
});
