import { expectTrue } from '../../harness/expect.js';
import type { RemoteTraceback } from '../../harness/implementation.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const VALUE_ERROR = { name: 'ValueError', message: /^Cannot process zero!$/ };

export default defineRule({
  id: 'pool.task.error-carries-the-remote-traceback',
  statement:
    "A task's exception re-raised in the parent carries the worker's traceback, which names the task function that raised it and the exception: from apply, map and AsyncResult.get.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: ExceptionWithTraceback; the re-raised exception has a RemoteTraceback as __cause__',
  needs: ['pool', 'pool.remote-traceback'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const raised: [string, Error][] = [
        ['apply(risky, [0])', await expectErrorRejection(() => pool.apply('risky', [0]), VALUE_ERROR, 'apply(risky, [0])')],
        ['map(risky, [1, 0], 1)', await expectErrorRejection(() => pool.map('risky', [1, 0], 1), VALUE_ERROR, 'map(risky, [1, 0], 1)')],
      ];
      const result = await pool.applyAsync('risky', [0]);
      raised.push(['get() of applyAsync(risky, [0])', await expectErrorRejection(() => result.get(60_000), VALUE_ERROR, 'get(60000) of applyAsync(risky, [0])')]);
      for (const [what, error] of raised) {
        const traceback = (error as RemoteTraceback).remoteTraceback;
        expectTrue(typeof traceback === 'string', `${what}: the error carries the worker's traceback`, traceback);
        expectTrue(/\brisky\b/.test(traceback!), `${what}: the worker's traceback names the task function risky`, traceback);
        expectTrue(/Cannot process zero!/.test(traceback!), `${what}: the worker's traceback shows the exception`, traceback);
      }
    });
  },
});
