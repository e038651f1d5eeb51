import { cpus } from 'node:os';

/** What `currentProcess()` reports. @python multiprocessing.current_process() */
export interface ProcessInfo {
  readonly name: string;
  readonly pid: number;
  readonly daemon: boolean;
}

interface IdentityState {
  name: string;
  daemon: boolean;
  /** Python's `_identity`: the path of child counters from the main process down to this one. */
  identity: number[];
  nextChild: number;
}

// Kept on globalThis so a task module that imports the built package and a child entry loaded from source
// still share one identity: two copies of this module must not disagree about who we are.
const KEY = Symbol.for('multiproc.identity');

function state(): IdentityState {
  const holder = globalThis as { [KEY]?: IdentityState };
  holder[KEY] ??= { name: 'MainProcess', daemon: false, identity: [], nextChild: 1 };
  return holder[KEY];
}

/** @python multiprocessing.current_process() */
export function currentProcess(): ProcessInfo {
  const { name, daemon } = state();
  return { name, pid: process.pid, daemon };
}

/** @python multiprocessing.cpu_count() — every CPU the system has, as Python counts them. */
export function cpuCount(): number {
  return cpus().length;
}

/** Takes the next child identity, as Python does in `BaseProcess.__init__` (names `Process-1`, `Process-1:2`). */
export function takeChildIdentity(): number[] {
  const current = state();
  return [...current.identity, current.nextChild++];
}

/** Called once in a child before its target runs. */
export function adoptIdentity(name: string, daemon: boolean, identity: number[]): void {
  const current = state();
  current.name = name;
  current.daemon = daemon;
  current.identity = identity;
  current.nextChild = 1;
}
