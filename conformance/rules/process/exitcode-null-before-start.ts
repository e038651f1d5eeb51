import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.null-before-start',
  statement: 'The exit code of a Process that has not been started is None (null).',
  source: 'seed',
  python: 'seed: Process Lifecycle and Exit Codes',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    expectEqual(await p.exitCode(), null, 'exitCode() before start()');
  },
});
