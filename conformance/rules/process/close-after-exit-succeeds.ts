import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.close.after-exit-succeeds',
  statement: 'close() succeeds once the child has exited, whether or not it was joined, and on a never-started Process.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.close',
  needs: ['process', 'process.close'],
  async check(session) {
    const joined = await session.createProcess({ target: 'noop' });
    await joined.start();
    await joined.join();
    await joined.close();

    // Not joined: close() itself must find out that the child has exited.
    const unjoined = await session.createProcess({ target: 'noop' });
    await unjoined.start();
    const outcome = await eventually(
      () => unjoined.close().then(() => 'closed', (error: Error) => error.message),
      (value) => value === 'closed' || !/still running/.test(value),
      15_000,
    );
    expectEqual(outcome, 'closed', 'close() retried for 15 s after starting noop, without join()');

    const never = await session.createProcess({ target: 'noop' });
    await never.close();
  },
});
