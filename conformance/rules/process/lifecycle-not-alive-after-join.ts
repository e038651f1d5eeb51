import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.lifecycle.not-alive-after-join',
  statement: 'Once join() without a timeout has returned, the Process is no longer alive.',
  source: 'seed',
  python: 'seed: Creating a Process',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [200] });
    await p.start();
    await p.join();
    expectEqual(await p.isAlive(), false, 'isAlive() after join()');
  },
});
