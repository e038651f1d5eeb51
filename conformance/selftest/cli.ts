/**
 * npm run conformance -- [--impl NAME|MODULE]... [--all] [--mutants] [--filter GLOB] [--concurrency N] …
 *
 * With --lint it runs no rule: it checks the rules' metadata and the traceability data, writes TRACEABILITY.md and
 * exits 1 on any problem.
 *
 * Runs every rule against each implementation (default: the reference and CPython, the ground truth) and, with
 * --mutants or --all, against every mutant; all of it through one queue, the longest rules first. Writes
 * conformance.md, .json and .junit.xml (and mutants.md, .json), and differences.md to reports/, and exits 1 when
 * an implementation fails a rule (or passes one it declares as a deviation) or the mutants' kills differ from
 * conformance/selftest/mutants/expected.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SELFTEST_ADAPTERS } from './adapters.js';
import { readDeviations } from './adapters/reference/deviations.js';
import { DIFFERENCES_FILE_NAME, differencesMarkdown } from './differences.js';
import { exitWith, HARNESS_OPTIONS, harnessUsage, rerunWithTypeScript, typeScriptLoaderNeeded } from '../harness/cli-options.js';
import { loadRules, matchesFilter } from '../harness/load-rules.js';
import { repoPath } from '../../test-support/repo-paths.js';
import { landscapeMarkdown, readNotes, toLandscape } from './landscape.js';
import { landscapePythons } from './pythons.js';
import { buildReport, summaryLine, type ImplementationRun, type Report } from '../harness/report.js';
import { deviationProblems, probeImplementation, resolveImplementation, type Adapter } from '../harness/resolve-implementation.js';
import type { Rule } from '../harness/rule.js';
import { progressFor } from '../harness/progress.js';
import { DEFAULT_RULE_TIMEOUT_MS, FAILING, runRule, type RuleResult } from '../harness/run-rule.js';
import { formatLine, withUnsupportedWhy, writeReports } from '../harness/run.js';
import { buildMatrix, EXPECTED_FILE, expectedFrom, isExpected, matrixToMarkdown, readExpected, retryLines, surprises, type KillMatrix } from './mutants/lib/kill-matrix.js';
import { designation, type Designation } from './mutants/lib/designation.js';
import { loadMutants } from './mutants/lib/load-mutants.js';
import { planPairs, runPairs, type PairResult } from './mutants/lib/run-mutants.js';
import type { Trace } from './mutants/lib/trace.js';
import { readTraces, traceRule, writeTraces } from './mutants/lib/traces.js';
import { checkTraceability } from '../traceability/check.js';
import { TRACEABILITY_FILE } from '../traceability/load.js';
import { WorkQueue } from '../harness/work-queue.js';
import { ensureRedisForCluster } from './private-redis.js';

const USAGE = `usage: npm run conformance -- [options]
  (--impl also takes reference and the Node pools: workerpool, piscina, tinypool, poolifier-cluster,
  poolifier-thread, jest-worker; with no --impl, --all, --landscape or --mutants: reference and cpython)
${harnessUsage('default reports/')}
  --landscape         reference, cpython (fork, spawn, forkserver; the oldest and newest pyenv CPython 3.8+) and every Node pool; writes landscape.md and .json only (the map of the Node
                      pools: a FAIL there is a finding about the library and does not fail the run)
  --all               reference, cpython, workerpool and cluster (Redis: MULTIPROC_REDIS_URL, else a private
                      redis-server started for the run), and the mutants, each against the rules aimed at it
                      (its designated rules: within 5 minutes on 2 cores); add --matrix for the whole kill matrix
  --mutants           run the mutants too (with the reference, whose traces say which rules reach which mutant)
  --mutant GLOB       only the mutants whose name matches
  --matrix            with --all: every rule that reaches each mutant, compared with expected.json (as --mutants)
  --exhaustive        run every rule on every mutant, not only the rules that reach it
  --update-expected   rewrite conformance/selftest/mutants/expected.json from this run's kills
  --lint              run no rule: check the rules and conformance/traceability/, write conformance/TRACEABILITY.md`;

/** The Node pools the suite maps: with --all or --landscape their failures are findings, not a failed run. */
const THIRD_PARTY = ['workerpool', 'piscina', 'tinypool', 'poolifier-cluster', 'poolifier-thread', 'jest-worker'];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ...HARNESS_OPTIONS,
      all: { type: 'boolean', default: false },
      mutants: { type: 'boolean', default: false },
      mutant: { type: 'string' },
      exhaustive: { type: 'boolean', default: false },
      matrix: { type: 'boolean', default: false },
      'update-expected': { type: 'boolean', default: false },
      lint: { type: 'boolean', default: false },
      landscape: { type: 'boolean', default: false },
    },
  });
  if (typeScriptLoaderNeeded(values.impl ?? [])) return rerunWithTypeScript(fileURLToPath(import.meta.url));
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.lint) return lint();
  const started = performance.now();
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer\n${USAGE}`);
  const outDir = values.out === undefined ? repoPath('reports') : resolve(values.out);
  const allRules = await loadRules();
  const rules = allRules.filter((rule) => matchesFilter(rule.id, values.filter));
  if (rules.length === 0) throw new Error(`no rule matches --filter ${values.filter}`);
  if (values.landscape && (values.all || values.mutants || values.mutant !== undefined)) throw new Error(`--landscape runs no mutant: leave out --all, --mutants and --mutant\n${USAGE}`);
  const withMutants = values.all || values.mutants || values.mutant !== undefined;
  const specs = [...new Set([
    // The cluster pool (issue 19) too: its rules share the one queue with the others, so it runs beside them.
    ...(values.all ? ['reference', 'cpython', 'workerpool', 'cluster'] : []),
    ...(values.landscape ? ['reference', 'cpython', 'cpython:spawn', 'cpython:forkserver', ...landscapePythons(), ...THIRD_PARTY] : []),
    ...(values.impl ?? []),
  ])];
  // With only --mutants, the reference runs just where a rule's stored trace is missing or stale.
  if (specs.length === 0 && !withMutants) specs.push('reference', 'cpython');
  // With --json, stdout is the report alone; else a line per rule, or on a terminal one progress line redrawn.
  const progress = values.json ? undefined : progressFor(process.stdout);
  const log = (line: string) => progress?.note(line);

  const noRedis = specs.includes('cluster') ? ensureRedisForCluster() : undefined;
  if (noRedis !== undefined) {
    // One line, and no second "skipped" from the adapter's probe: without Redis the cluster is not part of this run.
    log(noRedis);
    specs.splice(specs.indexOf('cluster'), 1);
  }
  const implementations: { spec: string; adapter: Adapter }[] = [];
  for (const spec of specs) {
    const adapter = await resolveImplementation(spec, { builtIns: SELFTEST_ADAPTERS, ...(values.python === undefined ? {} : { python: values.python }) });
    const problems = deviationProblems(adapter, allRules.map((rule) => rule.id));
    if (problems.length > 0) throw new Error(`${spec} declares deviations from rules that do not exist:\n- ${problems.join('\n- ')}`);
    implementations.push({ spec, adapter });
  }
  const queue = new WorkQueue(concurrency);
  const priority = (rule: Rule) => rule.timeoutMs ?? DEFAULT_RULE_TIMEOUT_MS;

  // Mutants are planned from each rule's reference trace: stored ones at once, the others when the reference ran.
  const mutants = withMutants ? (await loadMutants()).filter((m) => matchesFilter(m.name, values.mutant)) : [];
  const expected = withMutants ? await readExpected() : undefined;
  const stored = withMutants ? await readTraces(rules) : new Map<string, Trace>();
  const fresh = new Map<string, Trace>();
  const pairResults: PairResult[] = [];
  const planned = new Set<string>();
  // --all checks each mutant against its designated rules only (the whole matrix takes over 10 minutes on 2 cores):
  // every mutant must be killed by each rule aimed at it. --mutants, --matrix and --update-expected run the matrix.
  const designatedOnly = values.all && !values.matrix && !values.exhaustive && !values['update-expected'];
  const planRule = (rule: Rule, trace: Trace | undefined) => {
    if (planned.has(rule.id) || (trace === undefined && !values.exhaustive && !designatedOnly)) return;
    planned.add(rule.id);
    const pairs = designatedOnly
      ? mutants.filter((mutant) => mutant.aims.includes(rule.id)).map((mutant) => ({ mutant, rule }))
      : planPairs(mutants, [rule], trace === undefined ? new Map() : new Map([[rule.id, trace]]), values.exhaustive);
    progress?.expect(pairs.length);
    for (const pair of pairs) {
      queue.push(async () => {
        const [done] = await runPairs([pair], {
          concurrency: 1,
          surprising: (p, result) => !isExpected(expected, p.mutant.name, p.rule.id, result.status === 'fail'),
        });
        pairResults.push(done!);
        const { status, durationMs } = done!.result;
        const retried = done!.firstStatus === undefined ? '' : ` (run twice: first ${done!.firstStatus === 'fail' ? 'killed' : 'survived'})`;
        const line = `  ${'mutant'.padEnd(10)} ${(status === 'fail' ? 'KILLED' : 'survived').padEnd(13)} ${pair.mutant.name} by ${rule.id} (${durationMs} ms)${retried}`;
        progress?.step(line, !isExpected(expected, pair.mutant.name, rule.id, status === 'fail'));
      }, priority(rule));
    }
  };
  for (const rule of rules) if (stored.has(rule.id) || designatedOnly) planRule(rule, stored.get(rule.id));
  const untraced: string[] = [];
  if (withMutants && !specs.includes('reference')) {
    const untracedRules = rules.filter((r) => !stored.has(r.id));
    progress?.expect(untracedRules.length);
    for (const rule of untracedRules) {
      queue.push(async () => {
        const { result, trace } = await traceRule(rule);
        if (result.status === 'pass') fresh.set(rule.id, trace);
        else untraced.push(`${rule.id} (${result.reason})`);
        progress?.step(`  ${'trace'.padEnd(10)} ${result.status === 'pass' ? 'traced' : 'FAILED'.padEnd(13)} ${rule.id} on the reference (${result.durationMs} ms)`, result.status !== 'pass');
        planRule(rule, fresh.get(rule.id));
      }, priority(rule));
    }
  }

  const runs: ImplementationRun[] = [];
  for (const { spec, adapter } of implementations) {
    const unavailable = await probeImplementation(adapter);
    const informational = (values.all || values.landscape) && THIRD_PARTY.includes(spec);
    if (unavailable !== undefined) {
      // Named on the command line, it is what the caller wants checked: running nothing must not exit 0.
      // So is a CPython column given --python.
      if (values.impl?.includes(spec) || (values.python !== undefined && /^cpython\b/.test(spec))) {
        throw new Error(`${spec} could not be opened, so no rule ran on it: ${unavailable}`);
      }
      log(`${adapter.name}: skipped — ${unavailable}`);
      runs.push({ name: adapter.name, description: adapter.description, skipped: unavailable, results: [] });
      continue;
    }
    const results: RuleResult[] = new Array(rules.length);
    runs.push({ name: adapter.name, description: adapter.description, ...(informational ? { informational } : {}), results });
    progress?.expect(rules.length);
    const traced = withMutants && spec === 'reference';
    rules.forEach((rule, index) => {
      queue.push(async () => {
        let result: RuleResult;
        if (traced) {
          const outcome = await traceRule(rule);
          // A rule traced on the cluster adapter (traces.ts) is the reference's to run as well: its own result.
          result = outcome.on === adapter ? outcome.result : await runRule(adapter, rule);
          if (result.status === 'pass') fresh.set(rule.id, outcome.trace);
          else if (!stored.has(rule.id)) untraced.push(`${rule.id} (${result.reason})`);
          planRule(rule, fresh.get(rule.id) ?? stored.get(rule.id));
        } else {
          result = await runRule(adapter, rule);
        }
        results[index] = withUnsupportedWhy(adapter, rule, result);
        // A third party's failure is a finding, not a failure of the run: not counted as one on the progress line.
        progress?.step(formatLine(adapter.name, results[index]!), !informational && FAILING.has(results[index]!.status));
      }, priority(rule));
    });
  }
  await queue.drained();
  progress?.finish(runs);

  const durationMs = Math.round(performance.now() - started);
  await mkdir(outDir, { recursive: true });
  let mutantProblems: string[] = [];
  let mutantsSection: (KillMatrix & { surprises: string[] }) | undefined;
  let designated: Designation | undefined;
  let designationFailed = false;
  if (withMutants) {
    const matrix = buildMatrix(mutants, rules, pairResults, values.exhaustive);
    const partial = values.mutant !== undefined || values.filter !== undefined || designatedOnly;
    if (expected === undefined) mutantProblems = ['conformance/selftest/mutants/expected.json is missing: run with --update-expected'];
    else if (designatedOnly) mutantProblems = designatedSurprises(pairResults, expected);
    else {
      mutantProblems = surprises(matrix, expected, partial ? new Set(mutants.map((m) => m.name)) : undefined);
      if (partial) mutantProblems = mutantProblems.filter((p) => !/no longer reaches it/.test(p));
    }
    mutantsSection = { ...matrix, surprises: mutantProblems };
    const generatedAt = new Date().toISOString();
    await writeFile(resolve(outDir, 'mutants.json'), `${JSON.stringify({ generatedAt, ...mutantsSection }, null, 2)}\n`);
    await writeFile(resolve(outDir, 'mutants.md'), matrixToMarkdown(matrix, generatedAt, mutantProblems, expected));
    if (values.mutant === undefined && values.filter === undefined && (await writeTraces(rules, fresh))) log('Updated conformance/selftest/mutants/traces.json');
    let expectedNow = expected;
    if (values['update-expected']) {
      expectedNow = expectedFrom(matrix, expected, partial);
      await writeFile(EXPECTED_FILE, `${JSON.stringify(expectedNow, null, 2)}\n`);
      log('Rewrote conformance/selftest/mutants/expected.json: review the diff');
      mutantProblems = [];
    }
    // Every rule has a designated mutant and every aim is a kill, judged on expected.json over all rules and mutants
    // (a partial run shows the count; a full one fails on a problem).
    designated = designation(await loadMutants(), (await loadRules()).map((rule) => rule.id), expectedNow ?? { mutants: {}, gaps: {} }, readDeviations());
    // A partial run may leave expected.json between two states: only a full run fails on the designation.
    if (values.mutant !== undefined || values.filter !== undefined) designated = { ...designated, problems: designated.problems.map((problem) => `${problem} (partial run: not counted)`) };
    else designationFailed = designated.problems.length > 0;
  }
  const report = buildReport(rules, runs, { durationMs, concurrency, ...(mutantsSection ? { mutants: mutantsSection } : {}) });
  if (values.landscape) return writeLandscape(report, outDir, runs);
  await writeReports(report, outDir);
  // From every rule (not only --filter's) and the reference's declarations: the same file whatever ran.
  await writeFile(resolve(outDir, DIFFERENCES_FILE_NAME), differencesMarkdown(allRules, readDeviations(), outDir));
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`\nWrote conformance.md, .json and .junit.xml${withMutants ? ', mutants.md and .json' : ''}, differences.md to ${outDir} in ${(durationMs / 1000).toFixed(0)} s`);
    for (const run of runs) console.log(summaryLine(run));
    if (withMutants) {
      const gaps = values.mutant !== undefined || values.filter !== undefined ? '(a partial run: see a full --mutants run)' : mutantsSection!.gaps.join(', ') || 'none';
      if (designatedOnly) {
        console.log(`mutants: ${mutantsSection!.mutants.filter((m) => m.kills.length > 0).length} of ${mutants.length} killed by the rules aimed at them (${pairResults.length} pairs; the whole matrix: --mutants)`);
      } else console.log(`mutants: ${mutantsSection!.mutants.filter((m) => m.kills.length > 0).length} of ${mutants.length} killed; gaps: ${gaps}`);
      if (designated !== undefined) {
        console.log(`designated: ${designated.designated.size - designated.undesignated.length} of ${designated.designated.size} rules have a mutant aimed at them that they kill` +
          (designated.problems.length === 0 ? '' : `; ${designated.problems.length} problem(s)`));
        for (const problem of designated.problems) console.log(`  designation: ${problem}`);
      }
      for (const problem of mutantProblems) console.log(`  surprise: ${problem}`);
      for (const line of retryLines(mutantsSection!)) console.log(`  retried: ${line}`);
      for (const rule of untraced) console.log(`  not run on the mutants: ${rule} failed on the reference`);
    }
  }
  const failed = runs.some((run) => run.informational !== true && run.results.some((r) => FAILING.has(r.status)));
  return failed || mutantProblems.length > 0 || designationFailed ? 1 : 0;
}

/** --landscape: landscape.md and .json (conformance.* stay as the last ordinary run wrote them). */
async function writeLandscape(report: Report, outDir: string, runs: readonly ImplementationRun[]): Promise<number> {
  const { markdown, unsupportedNotes } = landscapeMarkdown(report, readNotes(), outDir);
  await writeFile(resolve(outDir, 'landscape.json'), `${JSON.stringify(toLandscape(report), null, 2)}\n`);
  await writeFile(resolve(outDir, 'landscape.md'), markdown);
  console.log(`\nWrote landscape.md and .json to ${outDir} in ${((report.durationMs ?? 0) / 1000).toFixed(0)} s`);
  for (const run of runs) console.log(summaryLine(run));
  for (const note of unsupportedNotes) console.log(`  note left out: ${note}`);
  const failed = runs.some((run) => run.informational !== true && run.results.some((r) => FAILING.has(r.status)));
  return failed ? 1 : 0;
}

/** --lint: every problem on a line, exit 1 when there is one; TRACEABILITY.md is written either way. */
async function lint(): Promise<number> {
  let ids: Set<string>;
  try {
    ids = new Set((await loadRules()).map((rule) => rule.id));
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const { problems, markdown } = await checkTraceability(ids);
  await writeFile(TRACEABILITY_FILE, markdown);
  for (const problem of problems) console.log(problem);
  console.log(`${problems.length === 0 ? 'No problems' : `${problems.length} problems`} in ${ids.size} rules and conformance/traceability/; wrote conformance/TRACEABILITY.md`);
  return problems.length === 0 ? 0 : 1;
}

exitWith(main());

/** With --all: each designated pair must kill its mutant, as expected.json says, and every mutant must be killed. */
function designatedSurprises(results: readonly PairResult[], expected: NonNullable<Awaited<ReturnType<typeof readExpected>>>): string[] {
  const problems: string[] = [];
  for (const { mutant, result } of results) {
    const killed = result.status === 'fail';
    if (!isExpected(expected, mutant, result.id, killed)) {
      problems.push(killed ? `${mutant}: ${result.id} now kills it too (${result.reason})` : `${mutant}: ${result.id}, aimed at it, passed on it`);
    }
  }
  return problems;
}

