/**
 * `npm run soak` (issue 14): the reliability tests' short forms timed as `npm test` runs them; then their long
 * forms and the conformance suite at the same time, with busy CPU loops beside them, so that the suite's verdicts
 * are checked on a saturated machine (the long forms start thousands of processes) and the whole run fits in
 * about ten minutes; then reports/reliability.md. Exits 1 when anything failed, a defect has no passing test, a
 * verdict came out wrong under load, or a child or temporary file of ours was left behind.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoPath } from '../../test-support/repo-paths.js';
import { leftoverChildren } from '../../test-support/no-orphans.js';
import { runLoadedSuite, type LoadedRun } from './loaded-suite.js';
import { defectsWithoutPassingTest, reliabilityMarkdown, type SoakResult } from './report-md.js';
import { reliabilityFiles, runReliabilityTests, type TestRun } from './run-tests.js';

const USAGE = `usage: npm run soak -- [--skip-short] [--skip-loaded] [--busy N]
  --skip-short   do not time the short forms (npm test's)
  --skip-loaded  do not run the conformance suite under load
  --busy N       busy CPU loops beside the long forms and the suite (default 2)`;

const { values } = parseArgs({
  options: {
    'skip-short': { type: 'boolean', default: false },
    'skip-loaded': { type: 'boolean', default: false },
    busy: { type: 'string', default: '2' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const busy = Number(values.busy);
if (!Number.isInteger(busy) || busy < 0) throw new Error(`--busy must be a whole number\n${USAGE}`);

/** Entries of the temp directory that our code names (queue sockets, test and rule directories). */
const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('multiproc')));

const started = performance.now();
const work = repoPath('.tmp', 'soak');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const tempBefore = ours();
const files = reliabilityFiles();
const echo = (line: string) => console.log(`  ${line}`);

let shortRun: TestRun | undefined;
if (!values['skip-short']) {
  console.log(`short forms (as npm test runs them) of the reliability tests in ${files.length} files…`);
  shortRun = await runReliabilityTests(files, {}, join(work, 'short.jsonl'), echo);
  console.log(`  ${shortRun.outcomes.length} tests in ${shortRun.seconds.toFixed(0)} s`);
}
console.log(`long forms (MULTIPROC_SOAK=1) in ${files.length} files${values['skip-loaded'] ? '' : `, the conformance suite and ${busy} busy CPU loops beside them`}…`);
const [longRun, loaded] = await Promise.all([
  // Four files at once: the long forms mostly wait on children, and the longest (10,000 Process starts) should
  // not wait for a free slot.
  runReliabilityTests(files, { MULTIPROC_SOAK: '1' }, join(work, 'long.jsonl'), echo, 4).then((run) => {
    console.log(`  long forms: ${run.outcomes.length} tests in ${run.seconds.toFixed(0)} s`);
    return run;
  }),
  values['skip-loaded'] ? Promise.resolve(undefined) : runLoadedSuite(busy, join(work, 'conformance'), echo).then((run: LoadedRun) => {
    console.log(`  conformance under load: ${run.seconds.toFixed(0)} s, load average up to ${run.load.max.toFixed(1)}`);
    return run;
  }),
]);

const childrenLeft = await leftoverChildren();
const tempLeft = [...ours()].filter((name) => !tempBefore.has(name));

const problems: string[] = [];
for (const run of [shortRun, longRun]) {
  if (run === undefined) continue;
  for (const outcome of run.outcomes.filter((o) => !o.ok)) problems.push(`${run === longRun ? 'long' : 'short'} form failed: ${outcome.title}`);
  if (run.outcomes.length === 0) problems.push(`no reliability test ran (ava exited with ${run.exitCode})`);
}
for (const n of defectsWithoutPassingTest(longRun)) problems.push(`defect ${n} has no passing test`);
if (loaded !== undefined) {
  for (const run of loaded.implementations) {
    // CPython's failures are `beyond` rules ("beyond"), not "fail"; a "fail" anywhere is a verdict gone wrong.
    for (const failure of run.failures) problems.push(`under load, ${run.name} failed ${failure}`);
  }
  for (const surprise of loaded.mutants.surprises) problems.push(`under load, mutant surprise: ${surprise}`);
}
for (const child of childrenLeft) problems.push(`child process left: ${child}`);
for (const name of tempLeft) problems.push(`temporary entry left in ${tmpdir()}: ${name}`);

const result: SoakResult = {
  generatedAt: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  seconds: (performance.now() - started) / 1000,
  shortRun,
  longRun,
  loaded: loaded === undefined ? undefined : { ...loaded, log: '' },
  childrenLeft,
  tempLeft,
  problems,
};
writeFileSync(repoPath('reports', 'reliability.md'), reliabilityMarkdown(result));
writeFileSync(repoPath('reports', 'reliability.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nWrote reports/reliability.md and .json in ${(result.seconds / 60).toFixed(1)} min`);
for (const problem of problems) console.log(`  problem: ${problem}`);
process.exit(problems.length === 0 ? 0 : 1);
