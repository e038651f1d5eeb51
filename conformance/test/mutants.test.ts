/**
 * Every mutant fails exactly the rules conformance/selftest/mutants/expected.json says (test262-style expectations), so a
 * rule that stops catching its mutant, or starts catching another one, is a failing test; and every rule kills
 * some mutant or is a known gap with its reason.
 *
 * What runs: each mutant against the rules of its own area (process mutants × process rules, pool × pool, queue
 * × queue) that reach it, and against the rules aimed at it whatever their area (mutant.reaches on the rule's reference trace in mutants/traces.json; a rule edited since
 * is traced again first). A rule that does not reach a mutant runs on it exactly as on the reference, so it cannot
 * fail there unless it fails on the reference, which suite.test.ts checks; `npm run conformance -- --mutants
 * --exhaustive` runs every pair to confirm it. The kills across areas (a process mutant caught by a queue rule)
 * are checked by `npm run conformance -- --mutants`, not here: all pairs take well over four minutes on a 2-core
 * machine, so this test keeps to each mutant's own area, as planned. A pair whose result differs from
 * expected.json is run once more before it counts (timing rules wobble on a loaded machine); the log says so.
 */
import { readDeviations } from '../selftest/adapters/reference/deviations.js';
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { loadRules } from '../harness/load-rules.js';
import type { Rule } from '../harness/rule.js';
import { mapLimited } from '../harness/run-rule.js';
import { buildMatrix, isExpected, readExpected, surprises, type Expected, type KillMatrix } from '../selftest/mutants/lib/kill-matrix.js';
import { designation } from '../selftest/mutants/lib/designation.js';
import { loadMutants, mutantNames } from '../selftest/mutants/lib/load-mutants.js';
import type { Mutant } from '../selftest/mutants/lib/mutant.js';
import { planPairs, runPairs, type Pair } from '../selftest/mutants/lib/run-mutants.js';
import type { Trace } from '../selftest/mutants/lib/trace.js';
import { readTraces, traceRule } from '../selftest/mutants/lib/traces.js';
import { ensureRedisForCluster } from '../selftest/private-redis.js';

assertNoOrphans(test);

// The children of these runs exercise the reference's code exactly as suite.test.ts's run of the same rules does, and
// that run is measured: under c8, each of their thousands of processes would write its coverage (1.3 GB in all) for
// nothing but CPU and disk, on the run's longest path. Its own process is still measured (V8 read the variable at start).
delete process.env['NODE_V8_COVERAGE'];

/** Rules at once: each starts processes on a 2-core machine, and timing rules must stay honest. */
const CONCURRENCY = 8;
/** The whole run is shared by every test below, so each may wait for all of it (ava's idle timeout is 2 min). */
const RUN_BOUND_MS = 40 * 60_000;

interface Outcome {
  readonly matrix: KillMatrix;
  readonly expected: Expected;
  readonly pairs: readonly Pair[];
  /** Rules edited since traces.json was written that then failed on the reference: not run on the mutants. */
  readonly untraced: ReadonlyMap<string, string>;
  readonly seconds: number;
}

let outcome: Promise<Outcome> | undefined;

const ownArea = (area: string, rule: string) => rule.startsWith(`${area}.`);
/** A mutant that wraps the cluster adapter, by its name. */
const isClusterName = (name: string) => name.startsWith('pool-cluster-');

/** One run for all the tests of this file: started by the first test that needs it. */
function run(): Promise<Outcome> {
  outcome ??= (async () => {
    const started = performance.now();
    const [rules, loaded, expected] = await Promise.all([loadRules(), loadMutants(), readExpected()]);
    // Without Redis the cluster's mutants do not run (their tests are skipped, saying so).
    const mutants = noRedis === undefined ? loaded : loaded.filter((m) => m.base !== 'cluster');
    if (expected === undefined) throw new Error('conformance/selftest/mutants/expected.json is missing: npm run conformance -- --mutants --update-expected');
    const traces = new Map(await readTraces(rules));
    const stale = rules.filter((rule) => !traces.has(rule.id));
    const untraced = new Map<string, string>();
    await mapLimited(stale, CONCURRENCY, async (rule: Rule) => {
      const { result, trace } = await traceRule(rule);
      if (result.status === 'pass') traces.set(rule.id, trace as Trace);
      else untraced.set(rule.id, result.reason ?? 'failed');
    });
    const traced = rules.filter((rule) => traces.has(rule.id));
    // Each mutant against the rules of its own area that reach it, and against the rules aimed at it, whatever their
    // area (a process fault that a pool rule is designed to catch).
    const pairs = planPairs(mutants, traced, traces, false).filter((pair) => ownArea(pair.mutant.area, pair.rule.id) || pair.mutant.aims.includes(pair.rule.id));
    for (const mutant of mutants) {
      for (const rule of traced) {
        if (mutant.aims.includes(rule.id) && !pairs.some((pair) => pair.mutant === mutant && pair.rule === rule)) pairs.push({ mutant, rule });
      }
    }
    const results = await runPairs(pairs, {
      concurrency: CONCURRENCY,
      surprising: (pair, result) => !isExpected(expected, pair.mutant.name, pair.rule.id, result.status === 'fail'),
    });
    const matrix = buildMatrix(mutants, rules, results, false);
    return { matrix, expected, pairs, untraced, seconds: Math.round((performance.now() - started) / 1000) };
  })();
  return outcome;
}

test.serial('the mutants load, each named after its file and its area, and expected.json lists exactly them', async (t) => {
  const mutants: Mutant[] = await loadMutants();
  const expected = await readExpected();
  t.deepEqual(mutants.map((m) => m.name), mutantNames());
  for (const m of mutants) t.is(isClusterName(m.name), m.base === 'cluster', `${m.name} wraps ${m.base}: a mutant of the cluster adapter, and only one, is named pool-cluster-…`);
  t.deepEqual(Object.keys(expected?.mutants ?? {}).sort(), mutantNames());
});

test.serial('every rule has a designated mutant: one that names it in aims and that it kills per expected.json', async (t) => {
  const [rules, mutants, expected] = await Promise.all([loadRules(), loadMutants(), readExpected()]);
  const { problems } = designation(mutants, rules.map((rule) => rule.id), expected ?? { mutants: {}, gaps: {} }, readDeviations());
  t.deepEqual(problems, [], problems.join('\n'));
});

test.serial('the pairs ran (a rule failing on the reference is left to suite.test.ts)', async (t) => {
  t.timeout(RUN_BOUND_MS);
  const { untraced, pairs, seconds } = await run();
  t.log(`${pairs.length} (mutant, rule) pairs ran in ${seconds} s, ${CONCURRENCY} at a time`);
  for (const [id, reason] of untraced) t.log(`not run on the mutants: ${id} failed on the reference (${reason})`);
  t.true(pairs.length > 0);
});

// A mutant of the cluster adapter needs Redis: MULTIPROC_REDIS_URL, or a private redis-server started for this run.
// Without either its test is skipped under a `cluster:` title (.ci/run fails on such a skip), the reason logged.
// Known by name (tests must be declared synchronously): such a mutant's name starts with pool-cluster-, checked below.
const onCluster = new Set(mutantNames().filter(isClusterName));
const noRedis = onCluster.size === 0 ? undefined : ensureRedisForCluster();
if (noRedis !== undefined) console.log(noRedis);

for (const name of mutantNames()) {
  const title = `${onCluster.has(name) ? 'cluster: ' : ''}mutant ${name} fails exactly the rules expected.json lists`;
  (onCluster.has(name) && noRedis !== undefined ? test.skip : test)(title, async (t) => {
    t.timeout(RUN_BOUND_MS);
    const { matrix, expected, untraced } = await run();
    const column = matrix.mutants.find((m) => m.name === name);
    if (column === undefined) return t.fail(`${name} did not run`);
    for (const retry of column.retried) t.log(`retried (the first result was a surprise): ${retry.rule}: first ${retry.first}, then ${retry.then}`);
    const entry = expected.mutants[name];
    if (entry === undefined) return t.fail(`${name} is not in expected.json; it is killed by ${column.kills.join(', ')}`);
    const allowed = Object.keys(entry.mayKill ?? {});
    const kills = column.kills.filter((rule) => !allowed.includes(rule));
    const mutant = (await loadMutants()).find((m) => m.name === name)!;
    const wanted = entry.kills.filter((rule) => (ownArea(column.area, rule) || mutant.aims.includes(rule)) && !untraced.has(rule)).sort();
    const problems = surprises({ ...matrix, mutants: [column] }, expected, new Set([name])).filter((p) => !/no longer reaches it/.test(p) || p.includes(` ${column.area}.`) || mutant.aims.some((aim) => p.includes(` ${aim} `)));
    t.deepEqual(kills, wanted, problems.join('\n'));
    t.true(column.kills.length > 0, `no rule kills ${name}: ${column.violation}`);
  });
}

test('every rule kills some mutant, or is a known gap with its reason in expected.json', async (t) => {
  t.timeout(RUN_BOUND_MS);
  const { matrix, expected, untraced } = await run();
  const known = (id: string) => matrix.rules.some((r) => r.id === id);
  t.deepEqual(matrix.gaps.filter((id) => !untraced.has(id)).sort(), Object.keys(expected.gaps).filter((id) => known(id) && !untraced.has(id)).sort());
  for (const [gap, reason] of Object.entries(expected.gaps)) t.false(/TODO/.test(reason), `${gap}: ${reason}`);
});
