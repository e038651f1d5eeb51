import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.lifecycle.not-alive-before-start',
  statement: 'A Process that has been created but not started is not alive.',
  source: 'seed',
  python: 'seed: Creating a Process',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    expectEqual(await p.isAlive(), false, 'isAlive() before start()');
    // Asking must not start it: it is still not alive a moment later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expectEqual(await p.isAlive(), false, 'isAlive() 100 ms after creation, still not started');
  },
});
