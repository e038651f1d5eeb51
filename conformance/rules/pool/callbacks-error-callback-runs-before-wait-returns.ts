import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.callbacks.error-callback-runs-before-wait-returns',
  statement:
    'The error_callback has already run, with the ValueError, when wait() or get() of the failed work returns: the result becomes ready only after it was called.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: ApplyResult._set calls the error_callback, then sets the event that wait() and ready() read',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const failing = { values: [], errors: [{ name: 'ValueError', message: 'Cannot process zero!' }] };
      const applied = await pool.applyAsync('risky', [0]);
      await applied.wait();
      expectEqual(await applied.callbacks(), failing, 'callbacks recorded as soon as wait() of applyAsync(risky, [0]) returned');
      expectEqual(await applied.ready(), true, 'ready() after wait()');
      const mapped = await pool.mapAsync('risky', [0], 1);
      await expectErrorRejection(() => mapped.get(), { name: 'ValueError', message: /Cannot process zero!/ }, 'get() of mapAsync(risky, [0], 1)');
      expectEqual(await mapped.callbacks(), failing, 'callbacks recorded as soon as get() of mapAsync(risky, [0]) rejected');
    });
  },
});
