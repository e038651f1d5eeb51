import { cpus } from 'node:os';

/** What `currentProcess()` reports. @python multiprocessing.current_process() */
export interface ProcessInfo {
  readonly name: string;
  readonly pid: number;
  readonly daemon: boolean;
}

/** Who started this process, as its child was told: Python's `_ParentProcess` name and pid. */
export interface ParentIdentity {
  readonly name: string;
  readonly pid: number;
}

/**
 * What `parentProcess()` reports in a child. @python multiprocessing.parent_process() (a `_ParentProcess`:
 * name, pid, is_alive())
 */
export interface ParentProcessInfo extends ParentIdentity {
  /** Whether the parent still runs: true until it exits (this process is then handed to another parent). */
  isAlive(): boolean;
}

interface IdentityState {
  name: string;
  daemon: boolean;
  /** null in the main process. */
  parent: ParentIdentity | null;
  /** Python's `_identity`: the path of child counters from the main process down to this one. */
  identity: number[];
  nextChild: number;
}

// Kept on globalThis so a task module that imports the built package and a child entry loaded from source
// still share one identity: two copies of this module must not disagree about who we are.
const KEY = Symbol.for('multiproc.identity');

function state(): IdentityState {
  const holder = globalThis as { [KEY]?: IdentityState };
  holder[KEY] ??= { name: 'MainProcess', daemon: false, parent: null, identity: [], nextChild: 1 };
  return holder[KEY];
}

/** @python multiprocessing.current_process() */
export function currentProcess(): ProcessInfo {
  const { name, daemon } = state();
  return { name, pid: process.pid, daemon };
}

/**
 * The process that started this one: null in the main process; in a child, its parent's name and pid, and
 * whether it still runs. @python multiprocessing.parent_process()
 */
export function parentProcess(): ParentProcessInfo | null {
  const { parent } = state();
  if (parent === null) return null;
  const { name, pid } = parent;
  // An orphan is adopted by another process: ppid changes when the parent exits, and a pid reused by another
  // process later cannot fool this check as `kill(pid, 0)` could be fooled.
  return Object.freeze({ name, pid, isAlive: () => process.ppid === pid });
}

/** What a child is told of its parent: this process. */
export function selfAsParent(): ParentIdentity {
  return { name: state().name, pid: process.pid };
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
export function adoptIdentity(name: string, daemon: boolean, identity: number[], parent: ParentIdentity): void {
  const current = state();
  current.name = name;
  current.daemon = daemon;
  current.parent = { name: parent.name, pid: parent.pid };
  current.identity = identity;
  current.nextChild = 1;
}
