import { RuleFailure, expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** How long after the first failure the second submission comes: the workers have died by then. */
const LATER_MS = 1000;

export default defineRule({
  id: 'pool.initializer.failure-rejects-work',
  statement: "When the initializer raises, the Pool stops instead of restarting workers forever: work submitted to it fails within 20 s with the initializer's error.",
  source: 'beyond',
  cpython: {
    does: 'CPython\'s Pool restarts the workers whose initializer raised, for ever: work submitted to it never ends.',
    failure: /on a Pool whose initializer raises: expected "settled within 20000 ms", observed "still pending"/,
  },
  needs: ['pool', 'pool.initializer'],
  timeoutMs: 90_000,
  alone: "CPython restarts the workers whose initializer raised without end: beside other rules, that storm of processes starves their bounded waits.",
  async check(session) {
    const pattern = /initializer exploded/;
    const options = { processes: 2, initializer: 'raiseError', initargs: ['initializer exploded'] } as const;
    // Either creating the pool or running work on it may report the failure (starting workers is slow on a loaded
    // machine: 20 s). Work submitted at once and work submitted once the workers have had time to die must both
    // fail: a pool that rejects only what was queued when the workers died hangs on what comes later.
    let failedAtCreation: unknown;
    await withPool(session, options, async (pool) => {
      const first = await expectRejects(() => pool.map('square', [1, 2, 3]), pattern, 'map(square, [1, 2, 3]) on a Pool whose initializer raises', 20_000);
      expectError(first, { name: /Error$/ }, 'the error map(square, [1, 2, 3]) raised');
      await new Promise((resolve) => setTimeout(resolve, LATER_MS));
      const later = await expectRejects(() => pool.apply('square', [4]), pattern, `apply(square, [4]) ${LATER_MS} ms later`, 10_000);
      expectError(later, { name: /Error$/ }, `the error apply(square, [4]) raised ${LATER_MS} ms later`);
    }, { mayHang: true, stopWithinMs: 3000 }).catch((error: unknown) => {
      if (error instanceof RuleFailure) throw error;
      failedAtCreation = error;
    });
    if (failedAtCreation !== undefined) expectError(failedAtCreation, { name: /Error$/, message: pattern }, 'the error creating the Pool raised');
  },
});
