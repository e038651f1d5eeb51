import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.close.can-be-repeated',
  statement: 'Calling close() again on a closed Process is harmless.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: BaseProcess.close',
  needs: ['process', 'process.close'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    await p.start();
    await p.join();
    await p.close();
    await p.close();
    await p.close();
    // Still closed after the repeats.
    await expectRejects(() => p.exitCode(), /process object is closed/, 'exitCode() after close() three times');
  },
});
