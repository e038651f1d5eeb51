import { expectEqual } from '../../harness/expect.js';
import { UNSENDABLE } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.args.unsendable-reaches-child-under-fork',
  statement:
    'Under the fork start method, args are not pickled: a Process whose args hold a value that cannot be pickled ' +
    '(a lambda) starts, and its target runs (exit code 0).',
  source: 'python-docs',
  python: 'library/multiprocessing.html#contexts-and-start-methods',
  needs: ['process', 'process.unsendable'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop', args: [UNSENDABLE] });
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 0, 'exitCode() of noop(<a function>)');
  },
});
