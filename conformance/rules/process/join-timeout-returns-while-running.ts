import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.join.timeout-returns-while-running',
  statement: 'join(timeout) on a child that outlives the timeout returns after about timeout, without error, leaving it running.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.join',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [8000] });
    try {
      await p.start();
      const started = performance.now();
      await p.join(500);
      const waited = performance.now() - started;
      expectTrue(waited >= 450, 'join(500) on an 8 s task waited at least 450 ms', `${Math.round(waited)} ms`);
      expectTrue(waited < 3000, 'join(500) on an 8 s task returned within 3000 ms', `${Math.round(waited)} ms`);
      expectEqual(await p.isAlive(), true, 'isAlive() after join(500) timed out');
      expectEqual(await p.exitCode(), null, 'exitCode() after join(500) timed out');
    } finally {
      await p.terminate().catch(() => undefined);
      await p.join(5000).catch(() => undefined);
    }
  },
});
