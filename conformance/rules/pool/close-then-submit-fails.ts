import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** Python refuses at once; an implementation still pending after this long does not refuse. */
const REFUSAL_MS = 10_000;

export default defineRule({
  id: 'pool.close.then-submit-fails',
  statement: 'After close(), submitting work (apply, apply_async, map, starmap, map_async, starmap_async) raises ValueError "Pool not running".',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.close',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      await pool.map('square', [1, 2]);
      await pool.close();
      const pattern = /Pool not running/;
      await expectRejects(() => pool.apply('square', [2]), pattern, 'apply(square, [2]) after close()', REFUSAL_MS);
      await expectRejects(() => pool.applyAsync('square', [2]), pattern, 'applyAsync(square, [2]) after close()', REFUSAL_MS);
      await expectRejects(() => pool.map('square', [1, 2, 3]), pattern, 'map(square, [1, 2, 3]) after close()', REFUSAL_MS);
      await expectRejects(() => pool.starmap('power', [[2, 2]]), pattern, 'starmap(power, [[2, 2]]) after close()', REFUSAL_MS);
      await expectRejects(() => pool.mapAsync('square', [1, 2, 3]), pattern, 'mapAsync(square, [1, 2, 3]) after close()', REFUSAL_MS);
      await expectRejects(() => pool.starmapAsync('power', [[2, 2]]), pattern, 'starmapAsync(power, [[2, 2]]) after close()', REFUSAL_MS);
      await pool.join();
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
