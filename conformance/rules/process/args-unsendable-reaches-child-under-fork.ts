import { expectEqual, expectTrue, RuleFailure } from '../../harness/expect.js';
import { UNSENDABLE, type ProcessHandle } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.args.unsendable-reaches-child-under-fork',
  statement:
    'Under the fork start method, args are not pickled: a Process whose args hold a value that cannot be pickled ' +
    '(a lambda) starts, and its target runs (exit code 0). Under spawn and forkserver start() pickles them: it ' +
    'raises in the parent and no child runs.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#contexts-and-start-methods',
  needs: ['process', 'process.unsendable'],
  async check(session, context) {
    const method = context.python?.startMethod ?? 'fork';
    if (method === 'fork') {
      const p = await session.createProcess({ target: 'noop', args: [UNSENDABLE] });
      await p.start();
      await p.join();
      expectEqual(await p.exitCode(), 0, 'exitCode() of noop(<a function>)');
      return;
    }
    // spawn, forkserver: the Process object is pickled before any child exists (popen_spawn_posix, popen_forkserver).
    let handle: ProcessHandle | undefined;
    let refused: unknown;
    try {
      handle = await session.createProcess({ target: 'noop', args: [UNSENDABLE] });
      await handle.start();
    } catch (error) {
      refused = error;
    }
    if (refused === undefined) throw new RuleFailure(`start() of noop(<a lambda>) under ${method}`, 'a pickling error', 'no error: the child started');
    expectTrue(refused instanceof Error && /pickle/i.test(refused.message), `start() under ${method} raises a pickling error`, refused);
    expectEqual(await handle!.pid(), null, `pid() after the refused start() under ${method}`);
  },
});
