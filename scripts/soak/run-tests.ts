/**
 * Runs the reliability tests of issue 14 (titles `defect N: …`, `fault: …`, `load: …`, `bad input: …`,
 * `security: …`) with ava over the compiled tree, and reads back what each test said.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import type { Finding } from '../../test-support/reliability.js';

export const PREFIXES = ['defect ', 'fault: ', 'load: ', 'bad input: ', 'security: '] as const;

export interface TestOutcome {
  readonly title: string;
  readonly ok: boolean;
  readonly skipped: boolean;
  /** The failure's lines of TAP output, when it failed. */
  readonly detail?: string;
}

export interface TestRun {
  readonly outcomes: readonly TestOutcome[];
  readonly findings: readonly (Finding & { readonly test: string })[];
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly files: readonly string[];
}

const TEST_ROOTS = ['reference/test', 'conformance/test', 'properties', 'examples/test'];

/** The compiled test files that hold at least one reliability test (read from their sources). */
export function reliabilityFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(test|prop)\.ts$/.test(entry.name) && PREFIXES.some((p) => readFileSync(path, 'utf8').includes(`'${p}`) || readFileSync(path, 'utf8').includes(`\`${p}`))) {
        files.push(relative(REPO_ROOT, path));
      }
    }
  };
  for (const root of TEST_ROOTS) walk(join(REPO_ROOT, root));
  return files.sort().map((file) => join('.tmp/js', file.replace(/\.ts$/, '.js')));
}

/** Runs ava on `files`, only the reliability tests, with `env` added; findings are appended to `findingsFile`. */
export async function runReliabilityTests(files: readonly string[], env: Record<string, string>, findingsFile: string,
  echo: (line: string) => void, concurrency?: number): Promise<TestRun> {
  const args = ['ava', '--tap', '--timeout=20m', ...(concurrency === undefined ? [] : [`--concurrency=${concurrency}`]),
    ...PREFIXES.map((p) => `--match=${p}*`), ...files];
  const started = performance.now();
  const child = spawn('npx', args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, MULTIPROC_RELIABILITY_LOG: findingsFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tap = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    tap += chunk;
    for (const line of chunk.split('\n')) if (/^(not )?ok \d/.test(line)) echo(line);
  });
  child.stderr.setEncoding('utf8').on('data', () => undefined);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const seconds = (performance.now() - started) / 1000;
  const findings = existsSync(findingsFile)
    ? readFileSync(findingsFile, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Finding & { test: string })
    : [];
  return { outcomes: parseTap(tap), findings, seconds, exitCode, files };
}

/** ok / not ok lines of ava's TAP, with the title stripped of its file prefix (`reference › test › x › `). */
export function parseTap(tap: string): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  const lines = tap.split('\n');
  lines.forEach((line, index) => {
    const match = /^(not )?ok \d+ - (.*?)(\s+# SKIP.*)?$/.exec(line);
    if (match === null) return;
    const full = match[2]!;
    const title = titleOf(full);
    if (title === undefined) return; // the orphan check and other hooks
    const ok = match[1] === undefined;
    let detail: string | undefined;
    if (!ok) {
      const end = lines.findIndex((l, i) => i > index && /^(not )?ok \d/.test(l));
      detail = lines.slice(index + 1, end === -1 ? undefined : end).join('\n').slice(0, 2000);
    }
    outcomes.push({ title, ok, skipped: match[3] !== undefined, ...(detail === undefined ? {} : { detail }) });
  });
  return outcomes;
}

function titleOf(full: string): string | undefined {
  for (const prefix of PREFIXES) {
    const at = full.indexOf(prefix);
    if (at === 0 || (at > 0 && full.slice(0, at).endsWith('› '))) return full.slice(at);
  }
  return undefined;
}
