/** The machine and the versions a report names, and the real Python interpreter to run. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Environment {
  readonly date: string;
  readonly os: string;
  readonly cpu: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly python: string | undefined;
  readonly pythonPath: string | undefined;
  readonly versions: Record<string, string>;
  readonly commit: string;
  readonly loadBefore: readonly number[];
}

const ROOT = new URL('../../', import.meta.url);

/**
 * Python's real executable: `python3` on PATH may be a version-manager shim that adds ~90 ms to every start, so
 * ask it once for sys.executable and run that. BENCH_PYTHON overrides.
 */
export function findPython(): { path: string; version: string } | undefined {
  const candidates = [process.env.BENCH_PYTHON, 'python3', 'python'].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    try {
      const out = execFileSync(candidate, ['-c', 'import sys; print(sys.executable); print(sys.version.split()[0])'],
        { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
      const [path, version] = out.trim().split('\n');
      if (path && version && Number(version.split('.')[0]) >= 3) return { path, version };
    } catch {
      // Not there; try the next.
    }
  }
  return undefined;
}

export function describeEnvironment(python: { path: string; version: string } | undefined): Environment {
  const version = (name: string): string => {
    try {
      return (JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, ROOT), 'utf8')) as { version: string }).version;
    } catch {
      return 'not installed';
    }
  };
  const own = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string };
  return {
    date: new Date().toISOString(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    python: python?.version,
    pythonPath: python?.path,
    versions: { multiproc: own.version, poolifier: version('poolifier'), workerpool: version('workerpool'),
      piscina: version('piscina'), tinypool: version('tinypool') },
    commit: gitCommit(),
    loadBefore: os.loadavg(),
  };
}

function gitCommit(): string {
  try {
    const opts = { cwd: ROOT, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'] };
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'reference/src'], opts).trim() !== '';
    return dirty ? `${head} + uncommitted changes in reference/src` : head;
  } catch {
    return 'unknown';
  }
}
