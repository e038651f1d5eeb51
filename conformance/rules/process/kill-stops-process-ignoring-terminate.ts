import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.kill.stops-process-ignoring-terminate',
  statement: 'kill() uses SIGKILL, which stops a child that ignores the SIGTERM sent by terminate().',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.kill',
  needs: ['process', 'process.kill'],
  async check(session, context) {
    const path = join(context.tmpdir, 'ready.txt');
    await withProcess(session, { target: 'ignoreTerminate', args: [path] }, async (p) => {
      await p.start();
      const ready = await eventually(() => readFile(path, 'utf8').catch(() => ''), (text) => text === 'ready', 15_000);
      expectEqual(ready, 'ready', 'file written by ignoreTerminate once SIGTERM is ignored');
      await p.terminate();
      await p.join(500);
      expectEqual(await p.isAlive(), true, 'isAlive() 500 ms after terminate() of a child that ignores SIGTERM');
      expectEqual(await p.exitCode(), null, 'exitCode() after the ignored terminate()');
      const started = performance.now();
      await p.kill();
      await p.join(10_000);
      const waited = performance.now() - started;
      expectEqual(await p.exitCode(), -9, 'exitCode() after kill()');
      expectTrue(waited < 10_000, 'kill() + join() returned within 10 s (the task sleeps 30 s)', `${Math.round(waited)} ms`);
    });
  },
});
