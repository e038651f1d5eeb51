import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.kill.after-exit-is-harmless',
  statement: 'kill() on a process that has already exited does nothing and keeps its exit code.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/popen_fork.py: Popen._send_signal',
  needs: ['process', 'process.kill'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [8] });
    await p.start();
    await p.join();
    await p.kill();
    await p.join();
    expectEqual(await p.exitCode(), 8, 'exitCode() of exitWith(8) after kill() following join()');
  },
});
