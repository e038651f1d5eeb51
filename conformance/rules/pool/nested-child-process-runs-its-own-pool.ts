import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const XS = [1, 2, 3, 4, 5, 6, 7];

export default defineRule({
  id: 'pool.nested.child-process-runs-its-own-pool',
  statement: 'A non-daemonic child process can create a Pool of its own, map with it, close and join it: it gets every result in order and ends with exit code 0.',
  source: 'python-docs',
  python:
    'library/multiprocessing.html#multiprocessing.Process.daemon (only a daemonic process may not create child processes); CPython\'s TestStdinBadfiledescriptor.test_pool_in_process',
  needs: ['process', 'process.nested', 'pool'],
  timeoutMs: 90_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'pool.json');
    const child = await session.createProcess({ target: 'poolInChild', args: [path, 2, XS] });
    await child.start();
    await child.join(60_000);
    expectEqual(await child.exitCode(), 0, 'exitCode() of the child that ran a pool (join(60000))');
    expectEqual(await readJsonWritten(path, 10_000), { ok: true, result: XS.map((x) => x * x) }, 'what the child wrote after map(square) on its own 2-worker pool');
  },
});
