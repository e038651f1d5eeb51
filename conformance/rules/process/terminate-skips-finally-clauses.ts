import { existsSync } from 'node:fs';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.terminate.skips-finally-clauses',
  statement: "terminate() stops the child where it is: the finally clause around the target's work does not run (exit code -15).",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.terminate',
  needs: ['process'],
  async check(session, context) {
    const path = `${context.tmpdir}/work`;
    const p = await session.createProcess({ target: 'sleepWithFinally', args: [path, 5000] });
    await p.start();
    expectEqual(await readJsonWritten(path, 30_000), 'ready', 'what the child wrote before its work');
    await p.terminate();
    // Bounded below the work's 5 s: a child still running then has not been stopped where it was.
    await p.join(3000);
    expectEqual(await p.exitCode(), -15, 'exitCode() within 3 s of terminate()');
    expectTrue(!existsSync(`${path}.finally`), 'the finally clause did not run');
  },
});
