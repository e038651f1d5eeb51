import { expectEqual, expectTrue, RuleFailure } from '../../harness/expect.js';
import { UNSENDABLE, type ProcessHandle } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.args.unsendable-fails-in-the-parent',
  statement:
    'A Process whose args hold a value that cannot be sent to another process (a function) is refused in the ' +
    'parent, by an Error from creating or starting it, and no child runs.',
  source: 'beyond',
  needs: ['process', 'process.unsendable'],
  cpython: {
    does:
      'Under fork CPython sends nothing: the child inherits the lambda and the target runs. Under spawn and ' +
      'forkserver it keeps this rule: start() pickles the args and raises (a PicklingError, or AttributeError "Can\'t ' +
      'pickle local object") before any child exists.',
    failure: /no error/,
    keptUnder: ['spawn', 'forkserver'],
  },
  async check(session) {
    let handle: ProcessHandle | undefined;
    let refused: unknown;
    try {
      handle = await session.createProcess({ target: 'noop', args: [UNSENDABLE] });
      await handle.start();
    } catch (error) {
      refused = error;
    }
    if (refused === undefined) throw new RuleFailure('createProcess() then start() with a function in args', 'an Error', 'no error: the child started');
    expectTrue(refused instanceof Error, 'the refusal is an Error', refused);
    if (handle !== undefined) expectEqual(await handle.pid(), null, 'pid() after the refused start()');
  },
});
