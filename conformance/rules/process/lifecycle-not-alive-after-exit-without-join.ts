import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.lifecycle.not-alive-after-exit-without-join',
  statement: 'A Process whose target has finished stops being alive even if nobody calls join().',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.is_alive',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    await p.start();
    // No join(): is_alive() itself must notice that the child terminated.
    const alive = await eventually(() => p.isAlive(), (value) => value === false, 15_000);
    expectEqual(alive, false, 'isAlive() polled for 15 s after starting noop, without join()');
    await p.join();
  },
});
