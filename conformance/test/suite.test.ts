/**
 * Runs every rule on the reference and on CPython. Test titles are `implementation › id: statement`, so a
 * failure names the rule. The reference must pass every rule; CPython every seed and python-docs rule.
 */
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { loadRules } from '../harness/load-rules.js';
import { resolveImplementation } from '../harness/resolve-implementation.js';
import { runRule } from '../harness/run-rule.js';

assertNoOrphans(test);

const rules = await loadRules();
const limit = semaphore(3);

for (const name of ['reference', 'cpython']) {
  const implementation = await resolveImplementation(name);
  const unavailable = await implementation.open().then(
    async (session) => {
      await session.close();
      return undefined;
    },
    (error: unknown) => String(error),
  );
  for (const rule of rules) {
    const title = `${name} › ${rule.id}: ${rule.statement}`;
    if (unavailable !== undefined) {
      test.skip(`${title} (skipped: ${unavailable})`, () => undefined);
      continue;
    }
    test(title, async (t) => {
      const result = await limit(() => runRule(implementation, rule));
      if (result.status === 'beyond') t.log(`beyond Python: ${result.reason}`);
      if (result.status === 'unsupported') t.log(`unsupported: ${result.reason}`);
      t.not(result.status, 'fail', `${rule.id} failed on ${name}: ${result.reason}`);
    });
  }
}

/** At most `n` rules at once: each starts processes, and a 2-core machine has timing rules to keep honest. */
function semaphore(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
