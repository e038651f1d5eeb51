import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const VALUE_ERROR = { name: 'ValueError', message: /^Cannot process zero!$/ };

export default defineRule({
  id: 'pool.asyncresult.get-reraises-the-error-each-time',
  statement:
    "Once the work failed, every get() raises the task's exception again (ValueError, same message), with or without a timeout, and successful() stays False.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: ApplyResult.get raises self._value whenever not self._success',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      for (const [what, result] of [
        ['applyAsync(risky, [0])', await pool.applyAsync('risky', [0])],
        ['mapAsync(risky, [1, 0], 1)', await pool.mapAsync('risky', [1, 0], 1)],
      ] as const) {
        await expectErrorRejection(() => result.get(60_000), VALUE_ERROR, `first get(60000) of ${what}`);
        await expectErrorRejection(() => result.get(), VALUE_ERROR, `second get() of ${what}`);
        await expectErrorRejection(() => result.get(0), VALUE_ERROR, `third get(0) of ${what}`, 5000);
        expectEqual(await result.successful(), false, `successful() of ${what} after the gets`);
      }
    });
  },
});
