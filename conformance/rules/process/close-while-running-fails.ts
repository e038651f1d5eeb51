import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_STATE } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.close.while-running-fails',
  statement: 'close() on a process that is still running raises ValueError and leaves the Process usable.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.close',
  needs: ['process', 'process.close'],
  async check(session) {
    await withProcess(session, { target: 'sleepFor', args: [5000] }, async (p) => {
      await p.start();
      const error = await expectRejects(() => p.close(), /Cannot close a process while it is still running/, 'close() while running');
      expectError(error, { name: VALUE_ERROR_FOR_STATE }, 'the error close() raised while running');
      // The refused close() must not have closed anything.
      expectEqual(await p.isAlive(), true, 'isAlive() after the refused close()');
      await p.terminate();
      await p.join(10_000);
      expectEqual(await p.exitCode(), -15, 'exitCode() after terminate() following the refused close()');
      await p.close();
    });
  },
});
