import { RuleFailure } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { withPool } from '../../harness/with-pool.js';

const CALL_MS = 10_000;

export default defineRule({
  id: 'pool.join.and-terminate-can-be-repeated',
  statement: 'join() may be called again after it returned, and terminate() again after terminate(): each call returns without error.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.join checks only the state; Pool.terminate is a Finalize, which runs once',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.map('square', [1, 2]);
      const steps: [string, () => Promise<void>][] = [
        ['close()', () => pool.close()],
        ['join()', () => pool.join()],
        ['join() again', () => pool.join()],
        ['terminate()', () => pool.terminate()],
        ['terminate() again', () => pool.terminate()],
        ['join() after terminate()', () => pool.join()],
      ];
      for (const [what, call] of steps) {
        const outcome = call().then(() => undefined, (error: unknown) => error);
        if (!(await settlesWithin(outcome, CALL_MS))) throw new RuleFailure(what, `returned within ${CALL_MS} ms`, 'still pending');
        const error = await outcome;
        if (error !== undefined) throw new RuleFailure(what, 'no error', error instanceof Error ? `${error.name}: ${error.message}` : error);
      }
    });
  },
});
