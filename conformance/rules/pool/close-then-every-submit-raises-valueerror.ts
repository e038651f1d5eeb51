import type { PoolHandle } from '../../harness/implementation.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** A refusal is immediate: nothing to wait for. */
const REFUSE_MS = 5000;

/** Every method that submits work, with arguments that would run at once on a live pool. */
export const SUBMITTING: readonly [string, (pool: PoolHandle) => Promise<unknown>][] = [
  ['map(square, [1])', (pool) => pool.map('square', [1])],
  ['starmap(power, [[2, 3]])', (pool) => pool.starmap('power', [[2, 3]])],
  ['apply(square, [1])', (pool) => pool.apply('square', [1])],
  ['applyAsync(square, [1])', (pool) => pool.applyAsync('square', [1])],
  ['mapAsync(square, [1])', (pool) => pool.mapAsync('square', [1])],
  ['starmapAsync(power, [[2, 3]])', (pool) => pool.starmapAsync('power', [[2, 3]])],
];

export default defineRule({
  id: 'pool.close.then-every-submit-raises-valueerror',
  statement:
    'After close(), and after terminate(), every method that submits work (map, starmap, apply and their _async forms) raises ValueError "Pool not running" at once.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._check_running raises ValueError("Pool not running")',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    for (const [how, stop] of [
      ['close()', (pool: PoolHandle) => pool.close()],
      ['terminate()', (pool: PoolHandle) => pool.terminate()],
    ] as const) {
      await withPool(session, { processes: 1 }, async (pool) => {
        await stop(pool);
        for (const [what, submit] of SUBMITTING) {
          await expectErrorRejection(() => submit(pool), { name: 'ValueError', message: /Pool not running/ }, `${what} after ${how}`, REFUSE_MS);
        }
      });
    }
  },
});
