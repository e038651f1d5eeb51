import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.lifecycle.child-waits-for-work-left-running',
  statement:
    'A child whose target returned while work it started still runs (a non-daemonic thread, a timer) ends only once ' +
    'that work is done: join() returns after it, with exit code 0.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _bootstrap calls threading._shutdown(), which waits for non-daemonic threads',
  needs: ['process'],
  async check(session, context) {
    const path = join(context.tmpdir, 'work.json');
    const p = await session.createProcess({ target: 'leaveWorkRunning', args: [path, 1000] });
    await p.start();
    await p.join(30_000);
    expectTrue(existsSync(path), 'the work the target left running had written its file when join() returned');
    expectEqual(await p.exitCode(), 0, 'exitCode() once the work is done');
  },
});
