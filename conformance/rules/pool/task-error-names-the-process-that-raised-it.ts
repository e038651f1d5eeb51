import { join } from 'node:path';
import { expectTrue, readTextWritten } from '../../harness/expect.js';
import type { RemoteTraceback } from '../../harness/implementation.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const VALUE_ERROR = { name: 'ValueError', message: /^raised in a worker$/ };

export default defineRule({
  id: 'pool.task.error-names-the-process-that-raised-it',
  statement:
    "A task's exception re-raised in the parent names, in the worker's traceback, the pid of the process that raised it: from apply, map and AsyncResult.get.",
  source: 'beyond',
  cpython: {
    does: "Python's RemoteTraceback holds the worker's traceback text, which names no process (the driver does not claim pool.error-origin).",
    failure: /does not claim pool\.error-origin/,
  },
  needs: ['pool', 'pool.remote-traceback', 'pool.error-origin'],
  timeoutMs: 90_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const calls: [string, string, () => Promise<unknown>][] = [
        ['apply(raiseWithPid, [path])', 'apply', () => pool.apply('raiseWithPid', [join(context.tmpdir, 'apply')])],
        ['map(raiseWithPid, [path], 1)', 'map', () => pool.map('raiseWithPid', [join(context.tmpdir, 'map')], 1)],
        ['get() of applyAsync(raiseWithPid, [path])', 'get', async () => (await pool.applyAsync('raiseWithPid', [join(context.tmpdir, 'get')])).get(60_000)],
      ];
      for (const [what, file, call] of calls) {
        const error = await expectErrorRejection(call, VALUE_ERROR, what);
        const pid = (await readTextWritten(join(context.tmpdir, file), 30_000, `the pid ${what}'s task wrote`)).trim();
        const traceback = (error as RemoteTraceback).remoteTraceback;
        expectTrue(typeof traceback === 'string', `${what}: the error carries the worker's traceback`, traceback);
        expectTrue(new RegExp(`\\bpid ${pid}\\b`).test(traceback!), `${what}: the worker's traceback names pid ${pid}, the process that raised it`, traceback);
      }
    });
  },
});
