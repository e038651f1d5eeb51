import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.zero-on-return',
  statement: "When the target returns normally, the Process's exit code is 0.",
  source: 'seed',
  python: 'seed: Process Lifecycle and Exit Codes',
  needs: ['process'],
  async check(session) {
    // A target that returns a value is still a normal return: the value is not the exit status.
    const tasks = [
      ['noop', []],
      ['square', [7]],
      ['sleepFor', [100]],
    ] as const;
    const children = [];
    for (const [target, args] of tasks) children.push(await session.createProcess({ target, args }));
    for (const child of children) await child.start();
    for (const child of children) await child.join();
    const codes = [];
    for (const child of children) codes.push(await child.exitCode());
    expectEqual(codes, [0, 0, 0], 'exitCode() after noop(), square(7) and sleepFor(100) returned');
  },
});
