/**
 * Runs every rule on the reference and on CPython, one ava test per rule and implementation, titled
 * `implementation › rule id`, so a failure or a timeout names the rule. The reference must pass every rule or
 * declare it (`differs`, with its reason, in conformance/selftest/adapters/reference/deviations.json): no rule may be
 * unsupported there but one that needs a capability the reference adapter declines with its reason (what only the
 * cluster pool does: cluster-adapter.test.ts runs those rules there), and a declared rule that passes fails here until the declaration goes. CPython must pass every
 * seed and python-docs rule, and fail every `beyond` rule for the reason the rule states (`cpython.failure`), unless
 * the rule needs a capability Python has no form of (the driver does not claim it).
 * ava wants tests declared synchronously, so rule ids are read from the rule files' text here and the rules
 * themselves are loaded in a before hook.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { loadRules, ruleSources } from '../harness/load-rules.js';
import type { Implementation } from '../harness/implementation.js';
import type { Rule } from '../harness/rule.js';
import { LABEL } from '../harness/report.js';
import { deviationProblems, resolveImplementation } from '../harness/resolve-implementation.js';
import { SELFTEST_ADAPTERS } from '../selftest/adapters.js';
import { runRule } from '../harness/run-rule.js';

assertNoOrphans(test);

const ids = ruleSources().map((rule) => rule.id).sort();
const pythonMissing = spawnSync('python3', ['--version']).status !== 0;

const rules = new Map<string, Rule>();
const implementations = new Map<string, Implementation>();
test.before(async () => {
  for (const rule of await loadRules()) rules.set(rule.id, rule);
  for (const name of ['reference', 'cpython']) implementations.set(name, await resolveImplementation(name, { builtIns: SELFTEST_ADAPTERS }));
});

/** Rules at once: most of a rule is waiting on children, so six keep two cores busy without starving timing rules. */
const limit = semaphore(6);

for (const name of ['reference', 'cpython']) {
  for (const id of ids) {
    const declare = name === 'cpython' && pythonMissing ? test.skip : test;
    declare(`${name} › ${id}`, async (t) => {
      const rule = rules.get(id);
      if (rule === undefined) return t.fail(`no rule with id ${id} was loaded`);
      // Alone where the storm happens: the reference stops such a pool at once.
      const result = await limit(() => runRule(implementations.get(name)!, rule), rule.alone !== undefined && name === 'cpython');
      const said = `${id} (${rule.statement}) on ${name}: ${LABEL[result.status]}${result.reason === undefined ? '' : `: ${result.reason}`}`;
      if (result.deviation !== undefined) t.log(`declared deviation: ${result.deviation}`);
      if (result.status === 'beyond') t.log(`beyond Python, as the rule states: ${result.reason}`);
      // A rule of what only another implementation does (the cluster's chunks by work) is unsupported here, with the
      // reason the reference adapter gives; cluster-adapter.test.ts runs it on the cluster.
      if (name === 'reference' && declinedByReference(implementations.get(name)!, rule)) t.is(result.status, 'unsupported', said);
      else if (name === 'reference') t.true(result.status === 'pass' || result.status === 'differs', said);
      // A beyond rule may need what Python has no form of (async iterables): the driver then claims no such capability.
      else if (rule.source === 'beyond') t.true(result.status === 'beyond' || result.status === 'unsupported', said);
      else t.is(result.status, 'pass', said);
    });
  }
}

/** Whether `rule` needs a capability the reference declines with a stated reason (its adapter's `unsupported`). */
function declinedByReference(reference: Implementation, rule: Rule): boolean {
  return rule.needs.some((need) => !reference.capabilities.has(need) && (reference.unsupported?.[need]?.trim() ?? '') !== '');
}

test("the reference's declared deviations name rules that exist", async (t) => {
  const reference = await resolveImplementation('reference', { builtIns: SELFTEST_ADAPTERS });
  t.deepEqual(deviationProblems(reference, ids), []);
});

/**
 * At most `n` rules at once: each starts processes, and a 2-core machine has timing rules to keep honest. A rule
 * that must run alone (Rule.alone) takes every place.
 */
function semaphore(n: number) {
  let free = n;
  const waiting: { weight: number; start: () => void }[] = [];
  const next = () => {
    // In order: a rule waiting for every place is not overtaken by the ones behind it.
    while (waiting.length > 0 && waiting[0]!.weight <= free) {
      const { weight, start } = waiting.shift()!;
      free -= weight;
      start();
    }
  };
  return async <T>(task: () => Promise<T>, alone = false): Promise<T> => {
    const weight = alone ? n : 1;
    await new Promise<void>((start) => {
      waiting.push({ weight, start });
      next();
    });
    try {
      return await task();
    } finally {
      free += weight;
      next();
    }
  };
}
