import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const GET_MS = 3000;

export default defineRule({
  id: 'pool.callbacks.raising-callback-leaves-results-pending',
  statement:
    "A callback that raises ends the pool's result handling: that result never becomes ready, and neither does work submitted afterwards: get(timeout) of each raises TimeoutError.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._handle_results calls ApplyResult._set, which calls the callback, unguarded',
  needs: ['pool', 'pool.callbacks', 'pool.callbacks.throwing'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const raising = await pool.applyAsync('square', [3], { callbacksThrow: true });
      await expectErrorRejection(() => raising.get(GET_MS), { name: 'TimeoutError' }, `get(${GET_MS}) of square(3) whose callback raised`, GET_MS + 10_000);
      expectEqual((await raising.callbacks()).values, [9], 'what the raising callback received');
      expectEqual(await raising.ready(), false, 'ready() of square(3) whose callback raised');
      const later = await pool.applyAsync('square', [4]);
      await expectErrorRejection(() => later.get(GET_MS), { name: 'TimeoutError' }, `get(${GET_MS}) of square(4) submitted afterwards`, GET_MS + 10_000);
    }, { mayHang: true });
  },
});
