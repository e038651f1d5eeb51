/**
 * A minimal adapter, written from conformance/README.md alone: Process only, over child_process. Each Process is
 * a `node minimal-child.mjs '{"target", "args", "name"}'`; its exit event gives the exit code.
 *
 *   npm run conformance -- --impl conformance/examples/minimal-adapter.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Implementation, ProcessHandle, ProcessOptions, Session, TaskName } from 'multiproc/conformance';

const CHILD = fileURLToPath(new URL('./minimal-child.mjs', import.meta.url));

/** The tasks minimal-child.mjs provides: those the rules of `process` use. */
const TASKS: readonly TaskName[] = [
  'noop', 'sleepFor', 'exitWith', 'killSelf', 'raiseError', 'square', 'risky', 'writeIdentity', 'appendToGlobal', 'writeThenSleep',
  'rendezvous', 'sleepWithFinally', 'leaveWorkRunning',
];

/** Python names processes Process-1, Process-2, … counting every Process created. */
let created = 0;

class MinimalProcess implements ProcessHandle {
  readonly #options: ProcessOptions;
  readonly #name: string;
  readonly #started: Set<MinimalProcess>;
  #child: ChildProcess | undefined;
  #exited: Promise<void> | undefined;
  #exitCode: number | null = null;

  constructor(options: ProcessOptions, started: Set<MinimalProcess>) {
    this.#options = options;
    this.#name = options.name ?? `Process-${++created}`;
    this.#started = started;
  }

  async start(): Promise<void> {
    if (this.#child !== undefined) throw new Error('cannot start a process twice');
    const { target, args = [] } = this.#options;
    const child = spawn(process.execPath, [CHILD, JSON.stringify({ target, args, name: this.#name })], { stdio: 'inherit' });
    this.#child = child;
    this.#exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        // A child ended by signal N has exit code -N, as in Python.
        this.#exitCode = code ?? -constants.signals[signal!];
        resolve();
      });
    });
    this.#started.add(this);
  }

  async join(timeoutMs?: number): Promise<void> {
    if (this.#exited === undefined) throw new Error('can only join a started process');
    if (timeoutMs === undefined) return this.#exited;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  async isAlive(): Promise<boolean> {
    return this.#child !== undefined && this.#exitCode === null;
  }

  async terminate(): Promise<void> {
    this.#signal('SIGTERM');
  }

  async kill(): Promise<void> {
    this.#signal('SIGKILL');
  }

  /** Not claimed (process.close): no rule calls it. */
  async close(): Promise<void> {
    throw new Error('close() is not supported by the minimal adapter');
  }

  async pid(): Promise<number | null> {
    return this.#child?.pid ?? null;
  }

  async exitCode(): Promise<number | null> {
    return this.#exitCode;
  }

  async name(): Promise<string> {
    return this.#name;
  }

  async daemon(): Promise<boolean> {
    return false;
  }

  /** Not claimed (process.daemon): no rule calls it. */
  async setDaemon(): Promise<void> {
    throw new Error('daemon processes are not supported by the minimal adapter');
  }

  /** Signalling a child that already exited does nothing; one never started is an error. */
  #signal(signal: NodeJS.Signals): void {
    if (this.#child === undefined) throw new Error('the process was never started');
    if (this.#exitCode === null) this.#child.kill(signal);
  }

  /** For the session's close(): kills the child if it still runs and waits for it. */
  async stop(): Promise<void> {
    if (this.#exitCode === null) this.#child?.kill('SIGKILL');
    await this.#exited;
  }
}

class MinimalSession implements Session {
  readonly #started = new Set<MinimalProcess>();

  async createProcess(options: ProcessOptions): Promise<ProcessHandle> {
    if (options.target === null || !TASKS.includes(options.target)) throw new Error(`the minimal adapter has no task "${options.target}"`);
    return new MinimalProcess(options, this.#started);
  }

  async currentProcess() {
    return { name: 'MainProcess', pid: process.pid, daemon: false };
  }

  async cpuCount() {
    return cpus().length;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#started].map((p) => p.stop()));
  }
}

export const implementation: Implementation & { readonly tasks: readonly TaskName[] } = {
  name: 'minimal',
  description: 'conformance/examples/minimal-adapter.ts: Process only, over child_process',
  capabilities: new Set(['process']),
  tasks: TASKS,
  open: async () => new MinimalSession(),
};
