/**
 * Bring your own implementation: the minimal example adapter (written from conformance/README.md alone) runs
 * through the CLI as a user would run it and passes every rule it claims; adapters written as .js load too; a
 * misconfigured adapter is stopped before any rule with everything missing listed at once; and the README's
 * generated catalog matches the contract.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import type { Report } from '../harness/report.js';
import { probeImplementation, resolveImplementation, tasksNeeded } from '../harness/resolve-implementation.js';
import { README, updatedReadme } from '../selftest/write-catalog.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../test-support/repo-paths.js';

assertNoOrphans(test);

const CLI = modulePath(import.meta.url, '../selftest/cli');
const scratch = mkdtempSync(join(tmpdir(), 'multiproc-byo-'));
test.after.always(() => rmSync(scratch, { recursive: true, force: true }));

/** A CLI run may take minutes on a loaded machine: longer than ava's 2 min idle timeout. */
const CLI_BOUND_MS = 10 * 60_000;

/** `npm run conformance -- …args` as a user runs it; reports go to a scratch directory. */
function conformance(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const out = mkdtempSync(join(scratch, 'out-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      nodeArgsFor(CLI, '--out', out, ...args),
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: CLI_BOUND_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    );
  });
}

const adapterFile = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

test('the minimal example adapter passes every Process rule it claims, run through the CLI', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const run = await conformance('--impl', 'conformance/examples/minimal-adapter.ts', '--filter', 'process.*', '--concurrency', '3', '--json');
  t.is(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const [minimal] = report.implementations;
  t.is(minimal?.name, 'minimal');
  const failed = minimal!.results.filter((r) => r.status === 'fail');
  t.deepEqual(failed.map((r) => `${r.id}: ${r.reason}`), []);
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  for (const result of minimal!.results) {
    const processOnly = rules.get(result.id)!.needs.every((need) => need === 'process');
    t.is(result.status, processOnly ? 'pass' : 'unsupported', result.id);
  }
  t.true(minimal!.results.filter((r) => r.status === 'pass').length >= 30);
});

test('an adapter written as a .js module loads and runs', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const path = adapterFile('nothing-claimed.js', [
    'export default {',
    "  name: 'js-adapter', description: 'claims nothing', capabilities: new Set(),",
    '  open: async () => ({ createProcess: async () => { throw new Error("none"); }, currentProcess: async () => ({ name: "MainProcess", pid: process.pid, daemon: false }),',
    '    cpuCount: async () => 1, close: async () => undefined }),',
    '};',
  ].join('\n'));
  const run = await conformance('--impl', path, '--filter', 'process.pid.*', '--json');
  t.is(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const results = report.implementations[0]!.results;
  t.true(results.length > 0, 'some rule ran');
  t.deepEqual(results.filter((r) => r.status !== 'unsupported'), []);
});

test('a module that exports no Implementation gets every missing piece named', async (t) => {
  const path = adapterFile('empty-shape.js', "export const implementation = { name: '', capabilities: ['process'] };\n");
  const error = await t.throwsAsync(resolveImplementation(path));
  t.is(
    error?.message,
    [
      `${path} does not export a usable Implementation:`,
      '- name: a non-empty string is missing',
      '- description: a string is missing',
      '- capabilities: a Set of capability names is missing',
      '- open(): a function returning Promise<Session> is missing',
    ].join('\n'),
  );
});

test('capabilities without their parent, unknown ones and missing catalog tasks are named at load time', async (t) => {
  const path = adapterFile('bad-claims.js', [
    'export default {',
    "  name: 'bad', description: 'claims badly', capabilities: new Set(['process', 'pool.imap', 'teleport']),",
    "  tasks: ['noop', 'sleepFor', 'nonsense'],",
    '  open: async () => ({}),',
    '};',
  ].join('\n'));
  const error = await t.throwsAsync(resolveImplementation(path));
  t.regex(error!.message, /capabilities: unknown teleport/);
  t.regex(error!.message, /capabilities: pool\.imap is claimed without pool/);
  t.regex(error!.message, /tasks: not in the catalog: nonsense/);
  const missing = tasksNeeded(new Set(['process'])).filter((task) => task !== 'noop' && task !== 'sleepFor');
  t.regex(error!.message, new RegExp(`use ${missing.join(', ')}, which the adapter does not list`));
});

test("a pool-only adapter needs no createProcess; claiming 'process' without it is caught when the first session opens", async (t) => {
  const path = adapterFile('no-create-process.js', [
    'export default {',
    "  name: 'processless', description: 'claims process', capabilities: new Set(['process']),",
    '  open: async () => ({ currentProcess: async () => ({}), cpuCount: async () => 1, close: async () => undefined }),',
    '};',
  ].join('\n'));
  const error = await t.throwsAsync(probeImplementation(await resolveImplementation(path)));
  t.is(error?.message, "processless: its session does not match what it claims:\n- claims 'process' but session.createProcess() is missing");
});

test("claiming 'pool' without createPool is caught when the first session opens", async (t) => {
  const path = adapterFile('no-create-pool.js', [
    'export default {',
    "  name: 'poolless', description: 'claims pool', capabilities: new Set(['pool']),",
    '  open: async () => ({ currentProcess: async () => ({}), close: async () => undefined }),',
    '};',
  ].join('\n'));
  const implementation = await resolveImplementation(path);
  const error = await t.throwsAsync(probeImplementation(implementation));
  t.is(
    error?.message,
    [
      'poolless: its session does not match what it claims:',
      '- session.cpuCount() is missing',
      "- claims 'pool' but session.createPool() is missing",
    ].join('\n'),
  );
});

test('the CLI reports a misconfigured adapter with exit code 2 and runs no rule', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const missing = join(scratch, 'does-not-exist.ts');
  const run = await conformance('--impl', missing);
  t.is(run.status, 2);
  t.regex(run.stderr, /cannot load implementation .*does-not-exist\.ts.*does not exist/);
  t.is(run.stdout, '');
});

/** A .js adapter that claims only `process` and whose parent is named `parentName`, declaring `deviations`. */
const declaringAdapter = (file: string, parentName: string, deviations: Record<string, string>) =>
  adapterFile(file, [
    'export default {',
    `  name: 'declaring', description: 'declares deviations', capabilities: new Set(['process']), deviations: ${JSON.stringify(deviations)},`,
    '  open: async () => ({ createProcess: async () => { throw new Error("none"); },',
    `    currentProcess: async () => ({ name: ${JSON.stringify(parentName)}, pid: process.pid, daemon: false }),`,
    '    cpuCount: async () => 1, close: async () => undefined }),',
    '};',
  ].join('\n'));

const MAIN_RULE = 'process.current.main-is-mainprocess';

test('a declared deviation that fails is "differs (declared)" and the run passes; one that passes fails the run', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const reason = 'our parent has another name';
  const differs = await conformance('--impl', declaringAdapter('differs.js', 'Main', { [MAIN_RULE]: reason }), '--filter', MAIN_RULE, '--json');
  t.is(differs.status, 0, differs.stderr);
  t.like((JSON.parse(differs.stdout) as Report).implementations[0]!.results[0], { id: MAIN_RULE, status: 'differs', deviation: reason });
  const stale = await conformance('--impl', declaringAdapter('stale.js', 'MainProcess', { [MAIN_RULE]: reason }), '--filter', MAIN_RULE);
  t.is(stale.status, 1, stale.stderr);
  t.regex(stale.stdout, /DECLARED DEVIATION NO LONGER NEEDED process\.current\.main-is-mainprocess .* — declared: our parent has another name — declared deviation no longer needed/);
  t.regex(stale.stdout, /declaring: 0 passed, 0 failed, 1 declared deviation no longer needed \(of 1 rules\)/);
  const undeclared = await conformance('--impl', declaringAdapter('undeclared.js', 'Main', {}), '--filter', MAIN_RULE);
  t.is(undeclared.status, 1, 'an undeclared failure stays FAIL');
  t.regex(undeclared.stdout, /FAIL +process\.current\.main-is-mainprocess/);
});

test('a deviation declared for a rule that does not exist stops the CLI with exit code 2', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const run = await conformance('--impl', declaringAdapter('unknown.js', 'MainProcess', { 'process.no.such-rule': 'typo' }), '--filter', MAIN_RULE);
  t.is(run.status, 2);
  t.regex(run.stderr, /declares deviations from rules that do not exist:\n- deviations: process\.no\.such-rule is no rule/);
  t.is(run.stdout, '');
});

test("the README's generated catalog matches the contract (npx tsx conformance/selftest/write-catalog.ts)", (t) => {
  const current = readFileSync(README, 'utf8');
  t.is(updatedReadme(current), current);
});

test('an implementation named with --impl whose open() fails stops the CLI with exit code 2: running nothing is no pass', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const broken = adapterFile('cannot-open.js', [
    'export default {',
    "  name: 'cannot-open', description: 'its library is not installed', capabilities: new Set(['process']),",
    "  open: async () => { throw new Error('my-library is not installed'); },",
    '};',
  ].join('\n'));
  const run = await conformance('--impl', broken, '--filter', MAIN_RULE);
  t.is(run.status, 2, run.stdout);
  t.regex(run.stderr, /cannot-open\.js could not be opened, so no rule ran on it: my-library is not installed/);
});

test('a relative --impl path given to `npm run conformance` is read from the directory npm was run in', async (t) => {
  t.timeout(CLI_BOUND_MS);
  const dir = mkdtempSync(join(scratch, 'caller-'));
  writeFileSync(join(dir, 'mine.js'), readFileSync(declaringAdapter('mine-source.js', 'MainProcess', {}), 'utf8'));
  // What npm sets for `npm run conformance` started in `dir`; the CLI itself runs in the package's directory.
  const out = mkdtempSync(join(scratch, 'out-'));
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, nodeArgsFor(CLI, '--out', out, '--impl', './mine.js', '--filter', MAIN_RULE), {
      cwd: REPO_ROOT,
      env: { ...process.env, INIT_CWD: dir, npm_lifecycle_event: 'conformance' },
      encoding: 'utf8',
      timeout: CLI_BOUND_MS,
    }, (error, stdout, stderr) => resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }));
  });
  t.is(run.status, 0, run.stderr);
  t.regex(run.stdout, /declaring: 1 passed/);
});

test('the pool-only template claims pool alone, needs no createProcess, and keeps the map rules it claims through the bin', async (t) => {
  const out = mkdtempSync(join(scratch, 'out-'));
  const bin = modulePath(import.meta.url, '../harness/cli');
  const { status, stdout, stderr } = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      nodeArgsFor(bin, '--impl', 'conformance/examples/pool-only-adapter.ts', '--filter', 'pool.map.*', '--out', out, '--json'),
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: CLI_BOUND_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    );
  });
  t.is(status, 0, stderr);
  const results = (JSON.parse(stdout) as Report).implementations[0]!.results;
  const ids = (status: string) => results.filter((r) => r.status === status).map((r) => r.id);
  t.deepEqual(ids('fail'), []);
  t.true(ids('pass').includes('pool.map.preserves-order'));
  t.deepEqual(ids('differs'), ['pool.map.chunksize-below-one-gives-nones']);
  t.true(ids('unsupported').every((id) => !id.startsWith('process.')));
});
