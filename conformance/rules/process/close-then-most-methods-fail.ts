import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_STATE } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.close.then-most-methods-fail',
  statement: "Once close() returned, start, join, is_alive, pid, exitcode, terminate and kill raise ValueError; name stays readable.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.close',
  needs: ['process', 'process.close', 'process.kill'],
  async check(session) {
    const pattern = /process object is closed/;
    const ran = await session.createProcess({ target: 'noop', name: 'Closed-Worker' });
    await ran.start();
    await ran.join();
    await ran.close();
    const calls: [string, () => Promise<unknown>][] = [
      ['start()', () => ran.start()],
      ['join()', () => ran.join()],
      ['join(100)', () => ran.join(100)],
      ['isAlive()', () => ran.isAlive()],
      ['pid()', () => ran.pid()],
      ['exitCode()', () => ran.exitCode()],
      ['terminate()', () => ran.terminate()],
      ['kill()', () => ran.kill()],
    ];
    for (const [what, call] of calls) expectError(await expectRejects(call, pattern, `${what} after close()`), { name: VALUE_ERROR_FOR_STATE }, `${what} after close()`);
    expectEqual(await ran.name(), 'Closed-Worker', 'name() after close()');

    // A Process closed before it ever started cannot be started afterwards.
    const never = await session.createProcess({ target: 'noop' });
    await never.close();
    const refused = await expectRejects(() => never.start(), pattern, 'start() of a Process closed before it started');
    expectError(refused, { name: VALUE_ERROR_FOR_STATE }, 'start() of a Process closed before it started');
  },
});
