import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Bound on each get(): the tasks are instant, so only a lost result waits this long. */
const GET_MS = 10_000;

export default defineRule({
  id: 'pool.callbacks.throwing-callback-leaves-the-pool-working',
  statement:
    'A callback or error_callback that raises loses nothing: its result stays readable with get(), and the pool goes on running later tasks.',
  source: 'beyond',
  cpython: {
    does: 'A callback that raises ends CPython\'s result-handler thread before it marks the result ready: get() of that result raises TimeoutError, and no later result arrives.',
    failure: /^unexpected error: TimeoutError/,
  },
  needs: ['pool', 'pool.callbacks', 'pool.callbacks.throwing'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const ok = await pool.applyAsync('square', [3], { callbacksThrow: true });
      expectEqual(await ok.get(GET_MS), 9, `get(${GET_MS}) of square(3) whose callback raised`);
      expectEqual((await ok.callbacks()).values, [9], 'what the raising callback received');
      const failed = await pool.applyAsync('raiseError', ['boom'], { callbacksThrow: true });
      const error = await expectRejects(() => failed.get(GET_MS), /boom/, `get(${GET_MS}) of raiseError("boom") whose error_callback raised`);
      expectEqual(error.name, 'ValueError', 'class name of the task error, unchanged by the raising error_callback');
      expectEqual((await failed.callbacks()).errors.length, 1, 'errors the raising error_callback received');
      const later = await pool.applyAsync('square', [4]);
      expectEqual(await later.get(GET_MS), 16, `get(${GET_MS}) of square(4) submitted after both callbacks raised`);
      const mapped = await pool.mapAsync('square', [1, 2, 3]);
      expectEqual(await mapped.get(GET_MS), [1, 4, 9], `map_async(square, [1, 2, 3]).get(${GET_MS}) afterwards`);
    }, { mayHang: true, stopWithinMs: 3000 });
  },
});
