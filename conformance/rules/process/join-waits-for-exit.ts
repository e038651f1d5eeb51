import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.join.waits-for-exit',
  statement: 'join() without a timeout returns only after the child has terminated.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.join',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [700] });
    await p.start();
    const started = performance.now();
    await p.join();
    const waited = performance.now() - started;
    expectEqual(await p.exitCode(), 0, 'exitCode() right after join() of a 700 ms task');
    expectEqual(await p.isAlive(), false, 'isAlive() right after join()');
    // The child slept 700 ms after start() returned, so join() cannot have come back much sooner.
    expectTrue(waited >= 500, 'join() of a 700 ms task waited at least 500 ms', `${Math.round(waited)} ms`);
  },
});
