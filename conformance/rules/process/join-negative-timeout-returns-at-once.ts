import { expectEqual, expectTrue } from '../../harness/expect.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.join.negative-timeout-returns-at-once',
  statement: 'join() with a negative timeout returns at once, without error, as join(0) does; the child runs on.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/popen_fork.py: wait(timeout) passes a negative timeout to connection.wait, which polls once',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [30_000] });
    await p.start();
    let error: unknown;
    const settled = await settlesWithin(p.join(-1).catch((e: unknown) => (error = e)), 5000);
    expectTrue(settled, 'join(-1) settled within 5 s');
    expectEqual(error === undefined ? 'no error' : `${(error as Error).name}: ${(error as Error).message}`, 'no error', 'join(-1)');
    expectEqual(await p.isAlive(), true, 'isAlive() after join(-1)');
    await p.kill();
    await p.join();
  },
});
