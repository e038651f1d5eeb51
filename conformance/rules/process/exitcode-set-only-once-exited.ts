import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** 'gone' when no process (not even a zombie) has this pid any more. */
function probe(pid: number): string {
  try {
    process.kill(pid, 0);
    return 'still exists';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : `kill(pid, 0) failed: ${(error as Error).message}`;
  }
}

export default defineRule({
  id: 'process.exitcode.set-only-once-exited',
  statement: 'The exit code stops being None only once the child has terminated and been reaped: its pid no longer exists.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.exitcode',
  needs: ['process'],
  timeoutMs: 40_000,
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [5] });
    await p.start();
    const pid = await p.pid();
    expectTrue(typeof pid === 'number', 'pid() after start()', pid);
    // No join(): the first non-null exit code is the moment the rule is about. The harness runs on the same
    // machine as the implementation, so it can ask the kernel whether that pid still exists.
    const code = await eventually(() => p.exitCode(), (value) => value !== null, 15_000);
    const state = probe(pid as number);
    expectEqual(code, 5, 'exitCode() of exitWith(5), polled for 15 s without join()');
    expectEqual(state, 'gone', `pid ${pid} when exitCode() first reported ${code}`);
    await p.join();
  },
});
