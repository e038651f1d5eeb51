/**
 * Runs one system process: plain `node` (never tsx) or the real Python, with NODE_EXTRA_CA_CERTS and
 * NODE_OPTIONS unset, in a process group of its own so a run that outlives its bound is killed with all its
 * workers. Reads the one JSON line the process prints; times the process from outside.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { System } from './plan.js';
import type { PeakMemory } from './memory.js';

const SYSTEMS_DIR = fileURLToPath(new URL('../systems/', import.meta.url));

export interface SystemOutput {
  readonly samples?: number[];
  readonly extra?: Record<string, unknown>;
  /** Peak RSS of the measuring process and of each process under it (systems/memory.mjs, peak_memory.py). */
  readonly memory?: PeakMemory;
  readonly [key: string]: unknown;
}

export interface Ran {
  readonly output: SystemOutput;
  /** From spawn() to the process's exit, as seen by the runner. */
  readonly wallMs: number;
}

/** The environment every measured process gets: ours, less what would slow or change Node. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS; // +~90 ms of CPU at every Node start on these machines
  delete env.NODE_OPTIONS; // no loader (tsx) or flag of the runner's may reach a measured process
  return env;
}

export function runSystem(system: System, python: string | undefined, kind: string, params: object,
  timeoutMs: number): Promise<Ran> {
  const script = SYSTEMS_DIR + system.script;
  const json = JSON.stringify(system.python ? { ...params, start: system.python.start } : params);
  const [command, args] = system.python
    ? [python!, [script, kind, json]]
    : [process.execPath, [script, kind, json]];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let wallMs = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new Error(`${system.label} ${kind}: no result within ${timeoutMs / 1000} s, killed`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${system.label} ${kind}: could not start ${command}: ${error.message}`));
    });
    child.on('exit', () => (wallMs = performance.now() - t0));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A system that exits leaving workers behind would disturb the next one.
      killGroup(child.pid);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') {
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new Error(`${system.label} ${kind}: ${how}: ${lastLines(stderr)}`));
        return;
      }
      try {
        resolve({ output: JSON.parse(line) as SystemOutput, wallMs });
      } catch {
        reject(new Error(`${system.label} ${kind}: printed no JSON: ${lastLines(stdout + stderr)}`));
      }
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone: the usual case.
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-6).join(' | ').slice(0, 600) || '(nothing on stderr)';
}
