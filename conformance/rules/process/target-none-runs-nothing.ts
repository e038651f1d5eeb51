import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.target.none-runs-nothing',
  statement: 'A Process without a target (target=None, the default) starts, runs nothing and exits with code 0.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process',
  needs: ['process', 'process.no-target'],
  async check(session) {
    const process = await session.createProcess({ target: null });
    await process.start();
    await process.join(10_000);
    expectEqual(await process.exitCode(), 0, 'exitCode() of a Process without a target, joined');
  },
});
