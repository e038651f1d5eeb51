import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.terminate.stops-running-process',
  statement: 'terminate() stops a running child long before its target would have finished.',
  source: 'seed',
  python: 'seed: Process Lifecycle and Exit Codes',
  needs: ['process'],
  async check(session) {
    await withProcess(session, { target: 'sleepFor', args: [30_000] }, async (p) => {
      await p.start();
      await p.join(300);
      expectEqual(await p.isAlive(), true, 'isAlive() of a 30 s task before terminate()');
      const started = performance.now();
      await p.terminate();
      await p.join(10_000);
      const waited = performance.now() - started;
      expectEqual(await p.isAlive(), false, 'isAlive() after terminate() and join(10000) of a 30 s task');
      expectTrue(waited < 10_000, 'terminate() + join() of a 30 s task returned within 10 s', `${Math.round(waited)} ms`);
      expectTrue((await p.exitCode()) !== 0, 'exitCode() after terminate() is not 0 (the target did not return)', await p.exitCode());
    });
  },
});
