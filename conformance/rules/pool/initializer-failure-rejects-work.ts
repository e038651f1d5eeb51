import { RuleFailure, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { stopPoolWithin } from '../../harness/stop-pool.js';

export default defineRule({
  id: 'pool.initializer.failure-rejects-work',
  statement: "When the initializer raises, the Pool stops instead of restarting workers forever: work submitted to it fails within 20 s with the initializer's error.",
  source: 'beyond',
  cpython: {
    does: 'CPython\'s Pool restarts the workers whose initializer raised, for ever: work submitted to it never ends.',
    failure: /on a Pool whose initializer raises: expected "an error within 20 s", observed "still pending after 20 s"/,
  },
  needs: ['pool', 'pool.initializer'],
  timeoutMs: 90_000,
  async check(session) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<{ pending: true }>((resolve) => (timer = setTimeout(() => resolve({ pending: true }), 20_000)));
    let pool: Awaited<ReturnType<NonNullable<typeof session.createPool>>> | undefined;
    try {
      // Either creating the pool or running work on it may report the failure; both must come within 20 s (starting workers is slow on a loaded machine).
      const run = async () => {
        pool = await session.createPool!({ processes: 2, initializer: 'raiseError', initargs: ['initializer exploded'] });
        return pool.map('square', [1, 2, 3]);
      };
      const outcome = await Promise.race([run().then((value) => ({ value }), (error: unknown) => ({ error })), deadline]);
      if (!('error' in outcome)) {
        throw new RuleFailure('map(square, [1, 2, 3]) on a Pool whose initializer raises', 'an error within 20 s',
          'value' in outcome ? `resolved with ${JSON.stringify(outcome.value)}` : 'still pending after 20 s');
      }
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      expectTrue(/initializer exploded/.test(message), "the error names the initializer's own message", message);
    } finally {
      clearTimeout(timer);
      const created = pool as { terminate(): Promise<void>; join(): Promise<void> } | undefined;
      // Bounded: where the pool hangs (Python restarts the workers for ever), session.close() cleans up instead.
      await stopPoolWithin(created);
    }
  },
});
