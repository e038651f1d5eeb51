import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';
import { SUBMITTING } from './close-then-every-submit-raises-valueerror.js';

export default defineRule({
  id: 'pool.misuse.raises-multiproc-error-classes',
  statement:
    "Misusing a Pool raises an Error of a class that names the misuse, with Python's message first: PoolStateError for submitting after close() ('Pool not running') and for join() before it ('Pool is still running'), RangeError for processes < 1, NotReadyError for successful() before the result is ready.",
  source: 'beyond',
  cpython: {
    does: "Python raises ValueError for all four (its Pool has no error classes of its own); the messages are the same.",
    failure: /error class name\): expected "(PoolStateError|RangeError|NotReadyError)", observed "ValueError/,
  },
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await expectErrorRejection(() => session.createPool!({ processes: 0 }), { name: 'RangeError', message: /^Number of processes must be at least 1/ }, 'createPool({ processes: 0 })', 10_000);
    await withPool(session, { processes: 1 }, async (pool) => {
      await expectErrorRejection(() => pool.join(), { name: 'PoolStateError', message: /^Pool is still running/ }, 'join() of a running pool', 5000);
      const running = await pool.applyAsync('sleepFor', [3000]);
      await expectErrorRejection(() => running.successful(), { name: 'NotReadyError', message: /not ready/ }, 'successful() while sleepFor(3000) runs', 5000);
      await pool.close();
      for (const [what, submit] of SUBMITTING) {
        await expectErrorRejection(() => submit(pool), { name: 'PoolStateError', message: /^Pool not running/ }, `${what} after close()`, 5000);
      }
    });
  },
});
