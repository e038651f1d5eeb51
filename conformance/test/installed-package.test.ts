/**
 * The suite as an implementer gets it: `npm run build`, `npm pack`, the tarball installed into an empty project that
 * cannot see this repository's sources, the guide's minimal adapter written there importing `multiproc/conformance`,
 * and the bin run on it. Offline: the package's one runtime dependency (tsx, optional, for TypeScript adapters) comes
 * from npm's cache through a lock file built from this repository's, as an online install would resolve it.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packLibrary } from '../../examples/test/packed-project.js';
import { buildDistOnce, plainEnv } from '../../test-support/built-dist.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { loadRules } from '../harness/load-rules.js';
import type { Report } from '../harness/report.js';

assertNoOrphans(test);

const exec = promisify(execFile);
const RUN_MS = 120_000;
const dir = mkdtempSync(join(tmpdir(), 'multiproc-installed-'));
const project = join(dir, 'project');

/** A command in the project, as a user's shell runs it; its exit code and output, whatever the code. */
async function inProject(file: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, [...args], { cwd: project, env: plainEnv(), timeout: RUN_MS, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * The project's package-lock.json: multiproc from the tarball, and tsx with what it brings at the versions this
 * repository locks (npm's cache holds their tarballs; without a lock, an offline npm cannot resolve a version range).
 */
function writeLock(tarball: string): void {
  const repo = (JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> }).packages;
  const own = repo['']!;
  const packages: Record<string, unknown> = {
    '': { name: 'project', dependencies: { multiproc: `file:${tarball}` } },
    'node_modules/multiproc': { version: own['version'], resolved: `file:${tarball}`, bin: own['bin'], optionalDependencies: own['optionalDependencies'] },
  };
  const todo = Object.keys(own['optionalDependencies'] as object);
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const key = `node_modules/${name}`;
    if (packages[key] !== undefined || repo[key] === undefined) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = repo[key]!;
    packages[key] = { ...entry, optional: true };
    todo.push(...Object.keys((entry['dependencies'] ?? {}) as object), ...Object.keys((entry['optionalDependencies'] ?? {}) as object));
  }
  writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify({ name: 'project', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

let installed: Promise<void> | undefined;
/** Build, pack and install once for the tests of this file. */
function install(): Promise<void> {
  installed ??= (async () => {
    await buildDistOnce();
    const tarball = await packLibrary(dir);
    rmSync(project, { recursive: true, force: true });
    await exec('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'project', private: true, type: 'module', dependencies: { multiproc: `file:${tarball}` } }, null, 2)}\n`);
    writeLock(tarball);
    const npm = await inProject('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error']);
    if (npm.code !== 0) throw new Error(`npm ci --offline failed (${npm.code}): ${npm.stderr}`);
    // The guide's minimal adapter and its child, as an implementer writes them (they import multiproc/conformance).
    copyFileSync(join(REPO_ROOT, 'conformance', 'examples', 'minimal-adapter.ts'), join(project, 'my-adapter.ts'));
    copyFileSync(join(REPO_ROOT, 'conformance', 'examples', 'minimal-child.mjs'), join(project, 'minimal-child.mjs'));
  })();
  return installed;
}

test.after.always(() => rmSync(dir, { recursive: true, force: true }));

const bin = (...args: string[]) => inProject(join(project, 'node_modules', '.bin', 'multiproc-conformance'), args);

test.serial('the installed bin runs the minimal TypeScript adapter: every process rule it claims passes, the others are unsupported, exit code 0', async (t) => {
  await install();
  const { code, stdout, stderr } = await bin('--impl', './my-adapter.ts', '--filter', 'process.*', '--json');
  t.is(code, 0, stderr);
  const report = JSON.parse(stdout) as Report;
  const claimed = new Set(['process']);
  const processRules = (await loadRules()).filter((rule) => rule.id.startsWith('process.'));
  // The package carries the same rules as the repository, and the adapter keeps exactly those it claims.
  t.deepEqual(report.rules.map((rule) => rule.id).sort(), processRules.map((rule) => rule.id).sort());
  const byStatus = (status: string) => report.implementations[0]!.results.filter((r) => r.status === status).map((r) => r.id).sort();
  t.deepEqual(byStatus('pass'), processRules.filter((rule) => rule.needs.every((need) => claimed.has(need))).map((rule) => rule.id).sort());
  t.deepEqual(byStatus('unsupported'), processRules.filter((rule) => !rule.needs.every((need) => claimed.has(need))).map((rule) => rule.id).sort());
});

test.serial('an adapter that does not load stops the installed bin with exit code 2, before any rule', async (t) => {
  await install();
  writeFileSync(join(project, 'broken-adapter.ts'), "export const implementation = { name: 'broken' };\n");
  const { code, stdout, stderr } = await bin('--impl', './broken-adapter.ts');
  t.is(code, 2);
  t.regex(stderr, /does not export a usable Implementation/);
  t.notRegex(stdout, /PASS|FAIL/);
});

test.serial('an adapter that breaks a rule makes the installed bin exit 1 and name the rule', async (t) => {
  await install();
  // The minimal adapter with one fault an implementation could have: cpuCount() one short of the machine's CPUs.
  writeFileSync(
    join(project, 'failing-adapter.ts'),
    [
      "import type { Implementation } from 'multiproc/conformance';",
      "import { implementation as minimal } from './my-adapter.js';",
      '',
      'export const implementation: Implementation = {',
      '  ...minimal,',
      "  name: 'failing',",
      '  open: async () => {',
      '    const session = await minimal.open();',
      '    const cpuCount = session.cpuCount.bind(session);',
      '    return Object.assign(Object.create(session), { cpuCount: async () => (await cpuCount()) - 1 });',
      '  },',
      '};',
      '',
    ].join('\n'),
  );
  const { code, stdout } = await bin('--impl', './failing-adapter.ts', '--filter', 'process.cpucount.*');
  t.is(code, 1);
  t.regex(stdout, /FAIL\s+process\.cpucount\.matches-the-system/);
});
