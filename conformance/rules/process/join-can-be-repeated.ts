import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.join.can-be-repeated',
  statement: 'A process can be joined many times: later joins return at once with the same outcome.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.join',
  needs: ['process'],
  async check(session) {
    const slow = await session.createProcess({ target: 'sleepFor', args: [1500] });
    const p = await session.createProcess({ target: 'exitWith', args: [4] });
    await slow.start();
    await p.start();
    // A join that timed out does not spoil a later one.
    await slow.join(50);
    expectEqual(await slow.exitCode(), null, 'exitCode() of a 1.5 s task after join(50)');
    await p.join();
    await p.join();
    await p.join(100);
    await p.join(0);
    expectEqual(await p.exitCode(), 4, 'exitCode() after four joins of exitWith(4)');
    expectEqual(await p.isAlive(), false, 'isAlive() after four joins');
    await slow.join();
    await slow.join();
    expectEqual(await slow.exitCode(), 0, 'exitCode() after join(50), join() and join() of a 1.5 s task');
  },
});
