import { RuleFailure, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { withPool } from '../../harness/with-pool.js';

/** Starting workers is slow on a loaded machine: the first failure may take this long to be reported. */
const FIRST_MS = 20_000;
/** Once the pool knows its workers cannot start, later work has nothing to wait for. */
const LATER_MS = 5000;

export default defineRule({
  id: 'pool.initializer.failure-rejects-work-submitted-later',
  statement:
    "When the initializer raises, work submitted after the pool reported that failure fails too, within 5 s, with the initializer's error: it is not queued for workers that will never run it.",
  source: 'beyond',
  needs: ['pool', 'pool.initializer'],
  cpython: {
    does: 'Python restarts the failing workers for ever: the first map never returns, and so neither does later work.',
    failure: /still pending/,
  },
  timeoutMs: 90_000,
  alone: "CPython restarts the workers whose initializer raised without end: beside other rules, that storm of processes starves their bounded waits.",
  async check(session) {
    await withPool(session, { processes: 2, initializer: 'raiseError', initargs: ['initializer exploded'] }, async (pool) => {
      // The wait for the failure itself, not a sleep: the workers are dead (or never ran) once it is reported.
      const first = pool.map('square', [1, 2]).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if (!(await settlesWithin(first, FIRST_MS))) throw new RuleFailure('map(square, [1, 2]) on a Pool whose initializer raises', `an error within ${FIRST_MS} ms`, 'still pending');
      const outcome = await first;
      if (!('error' in outcome)) throw new RuleFailure('map(square, [1, 2]) on a Pool whose initializer raises', 'an error', `resolved with ${JSON.stringify(outcome.value)}`);
      for (const [what, submit] of [
        ['apply(square, [3])', () => pool.apply('square', [3])],
        ['map(square, [4, 5])', () => pool.map('square', [4, 5])],
        ['applyAsync(square, [6]).get()', async () => (await pool.applyAsync('square', [6])).get()],
      ] as const) {
        const later = (submit as () => Promise<unknown>)().then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if (!(await settlesWithin(later, LATER_MS))) throw new RuleFailure(`${what} submitted after the failure was reported`, `an error within ${LATER_MS} ms`, 'still pending');
        const settled = await later;
        if (!('error' in settled)) throw new RuleFailure(`${what} submitted after the failure was reported`, 'an error', `resolved with ${JSON.stringify(settled.value)}`);
        expectTrue(settled.error instanceof Error, `${what} rejected with an Error`, settled.error);
        const message = (settled.error as Error).message;
        expectTrue(/initializer exploded/.test(message), `the error of ${what} names the initializer's own message`, message);
      }
    }, { mayHang: true });
  },
});
