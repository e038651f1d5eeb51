/**
 * The conformance suite with the machine saturated (issue 14): busy CPU loops beside it, then every verdict on
 * the reference, on CPython and on the mutants compared with what it must be, and every retry counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test-support/repo-paths.js';

export interface LoadedRun {
  readonly busyLoops: number;
  readonly seconds: number;
  readonly exitCode: number | null;
  /** 1-minute load average, sampled every 5 s while the suite ran. */
  readonly load: { readonly min: number; readonly max: number; readonly mean: number };
  readonly implementations: readonly { readonly name: string; readonly counts: Record<string, number>; readonly failures: readonly string[] }[];
  readonly mutants: { readonly total: number; readonly killed: number; readonly surprises: readonly string[]; readonly retries: readonly string[] };
  readonly log: string;
}

interface ReportJson {
  readonly implementations: readonly { name: string; results: readonly { id: string; status: string; reason?: string }[] }[];
}

interface MutantsJson {
  readonly mutants: readonly { name: string; kills: readonly string[]; retried: readonly { rule: string; first: string; then: string }[] }[];
  readonly surprises: readonly string[];
}

/**
 * A loop that spins until its parent is gone: it checks, between bursts, that its parent is still the one that
 * started it, so a soak run that is killed (no 'exit' hook runs then) leaves no loop behind.
 */
const SPIN = 'const parent = process.ppid; for (;;) { for (let i = 0; i < 1e7; i++); if (process.ppid !== parent) process.exit(0); }';

/** Starts `count` processes that spin until stopped, or until this process is gone. */
export function busyLoops(count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } }));
}

export async function runLoadedSuite(busy: number, outDir: string, echo: (line: string) => void): Promise<LoadedRun> {
  const loops = busyLoops(busy);
  const stop = () => loops.forEach((loop) => loop.kill('SIGKILL'));
  process.once('exit', stop);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(loadavg()[0]!), 5000);
  const started = performance.now();
  let log = '';
  try {
    const cli = spawn(process.execPath, [join(REPO_ROOT, '.tmp/js/conformance/selftest/cli.js'), '--impl', 'reference', '--impl', 'cpython', '--mutants', '--out', outDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      for (const line of chunk.split('\n')) if (/FAIL|NO LONGER NEEDED|surprise|retried|run twice|^\w+: \d/.test(line)) echo(line);
    });
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const exitCode = await new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    const seconds = (performance.now() - started) / 1000;
    const report = JSON.parse(readFileSync(join(outDir, 'conformance.json'), 'utf8')) as ReportJson;
    const mutants = JSON.parse(readFileSync(join(outDir, 'mutants.json'), 'utf8')) as MutantsJson;
    const implementations = report.implementations.map((run) => {
      const counts: Record<string, number> = {};
      for (const result of run.results) counts[result.status] = (counts[result.status] ?? 0) + 1;
      const failures = run.results.filter((r) => r.status === 'fail' || r.status === 'stale').map((r) => `${r.id}: ${r.reason ?? ''}`);
      return { name: run.name, counts, failures };
    });
    const retries = mutants.mutants.flatMap((m) => m.retried.map((r) => `${m.name} × ${r.rule}: first ${r.first}, then ${r.then}`));
    const all = samples.length === 0 ? [loadavg()[0]!] : samples;
    return {
      busyLoops: busy,
      seconds,
      exitCode,
      load: { min: Math.min(...all), max: Math.max(...all), mean: all.reduce((a, b) => a + b, 0) / all.length },
      implementations,
      mutants: {
        total: mutants.mutants.length,
        killed: mutants.mutants.filter((m) => m.kills.length > 0).length,
        surprises: mutants.surprises,
        retries,
      },
      log,
    };
  } finally {
    clearInterval(sampler);
    stop();
    process.off('exit', stop);
  }
}
