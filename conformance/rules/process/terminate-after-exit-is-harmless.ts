import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.terminate.after-exit-is-harmless',
  statement: 'terminate() on a process that has already exited does nothing and keeps its exit code.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/popen_fork.py: Popen._send_signal',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [6] });
    await p.start();
    await p.join();
    await p.terminate();
    await p.terminate();
    await p.join();
    expectEqual(await p.exitCode(), 6, 'exitCode() of exitWith(6) after terminate() twice following join()');
    expectEqual(await p.isAlive(), false, 'isAlive() after terminate() of an exited process');
  },
});
