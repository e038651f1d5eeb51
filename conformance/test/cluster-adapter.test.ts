/**
 * The cluster adapter (issue 19): loads by name, gives a reason for every capability it does not claim, and, with
 * a private Redis (MULTIPROC_REDIS_URL), keeps rules that go through its worker commands: keyword
 * arguments, a task's error with its remote traceback and the remote pid that raised it, and its chunks sized by
 * measured work. The whole suite on it: npm run conformance -- --impl cluster.
 */
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { CAPABILITIES, type Capability } from '../harness/implementation.js';
import { loadRules } from '../harness/load-rules.js';
import { resolveImplementation } from '../harness/resolve-implementation.js';
import { runRule } from '../harness/run-rule.js';
import { SELFTEST_ADAPTERS } from '../selftest/adapters.js';
import { explainSkip, redisTest } from '../../reference/test/cluster/cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const RULES = ['pool.apply.kwds-reach-the-task', 'pool.task.error-carries-the-remote-traceback', 'pool.task.error-names-the-process-that-raised-it',
  // What only the cluster does: the reference declines it (suite.test.ts), so it is kept here.
  'pool.map.default-chunks-follow-the-work'];

test('cluster: the adapter loads by name, claims pool without process, and gives a reason for each capability it does not claim', async (t) => {
  const implementation = await resolveImplementation('cluster', { builtIns: SELFTEST_ADAPTERS });
  t.is(implementation.name, 'cluster');
  t.true(implementation.capabilities.has('pool'));
  t.false(implementation.capabilities.has('process'));
  const unexplained = (Object.keys(CAPABILITIES) as Capability[]).filter(
    (capability) => !implementation.capabilities.has(capability) && !implementation.unsupported?.[capability]?.trim(),
  );
  t.deepEqual(unexplained, []);
});

redisTest(test)('cluster: the adapter keeps the rules that go through its worker commands, kwds and errors (with their remote origin)', async (t) => {
  const implementation = await resolveImplementation('cluster', { builtIns: SELFTEST_ADAPTERS });
  const rules = (await loadRules()).filter((rule) => RULES.includes(rule.id));
  t.is(rules.length, RULES.length);
  // One after the other: each session starts two worker commands of two processes.
  for (const rule of rules) {
    const result = await runRule(implementation, rule);
    t.is(result.status, 'pass', `${result.id}: ${result.status}${result.reason === undefined ? '' : `: ${result.reason}`}`);
  }
});
