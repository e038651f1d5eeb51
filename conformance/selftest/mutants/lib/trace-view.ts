/**
 * Questions a mutant asks of a rule's reference trace ("does this rule read an exit code after terminate()?"),
 * so that each mutant's `reaches` reads as one sentence.
 */
import type { Trace, TraceEvent } from './trace.js';

export class TraceView {
  readonly events: Trace;

  constructor(events: Trace) {
    this.events = events;
  }

  /** Calls of one of `ops` on handles of `kind` ('session' for the session itself). */
  calls(kind: string, ops: string | readonly string[]): TraceEvent[] {
    const wanted = typeof ops === 'string' ? [ops] : ops;
    return this.events.filter((event) => event.kind === kind && wanted.includes(event.op));
  }

  /** True when some call of `ops` on a `kind` handle satisfies `where`. */
  some(kind: string, ops: string | readonly string[], where: (event: TraceEvent) => boolean = () => true): boolean {
    return this.calls(kind, ops).some(where);
  }

  /** The call that created `handle` (createProcess, createPool, applyAsync, …). */
  creation(handle: number): TraceEvent | undefined {
    return this.events.find((event) => event.creates === handle);
  }

  /** The options or arguments `handle` was created with: args[0] of its creating call. */
  options<T = Record<string, unknown>>(handle: number): T {
    return (this.creation(handle)?.args[0] ?? {}) as T;
  }

  /** Calls on the same handle as `event`, before it, of one of `ops` (only those that did not throw when `ok`). */
  earlier(event: TraceEvent, ops: string | readonly string[], ok = false): TraceEvent[] {
    const wanted = typeof ops === 'string' ? [ops] : ops;
    const index = this.events.indexOf(event);
    return this.events
      .slice(0, index)
      .filter((other) => other.handle === event.handle && wanted.includes(other.op) && (!ok || other.threw !== true));
  }

  /** Whether `op` succeeded on `event`'s handle before `event` (a Process started, a Pool closed). */
  after(event: TraceEvent, ops: string | readonly string[]): boolean {
    return this.earlier(event, ops, true).length > 0;
  }

  /** The pool a result handle came from. */
  poolOf(result: number): number | undefined {
    return this.creation(result)?.handle;
  }

  /** Calls on `pool` that submit work, with the task name first among their arguments. */
  submissions(pool?: number): TraceEvent[] {
    return this.calls('pool', SUBMIT).filter((event) => pool === undefined || event.handle === pool);
  }

  /** Whether `event` was still running when the event at `index` started. */
  pendingAt(event: TraceEvent, index: number): boolean {
    return this.events.indexOf(event) < index && event.end > index;
  }

  /**
   * Whether the process `handle` is known to have exited before the event at `index` started: a join() that
   * returned before its timeout, an exit code read, isAlive() false after start, or close() done.
   */
  exitedBefore(handle: number, index: number): boolean {
    return this.events.slice(0, index).some(
      (e) =>
        e.handle === handle &&
        e.kind === 'process' &&
        e.end <= index &&
        e.threw !== true &&
        ((e.op === 'join' && e.full !== true) ||
          (e.op === 'exitCode' && typeof e.value === 'number') ||
          (e.op === 'isAlive' && e.value === false && this.after(e, 'start')) ||
          e.op === 'close'),
    );
  }

  /** Whether `event` (a terminate, kill, start…) found its process started and not known to have exited. */
  running(event: TraceEvent): boolean {
    return this.after(event, 'start') && !this.exitedBefore(event.handle, this.indexOf(event));
  }

  indexOf(event: TraceEvent): number {
    return this.events.indexOf(event);
  }
}

export const SUBMIT = ['map', 'starmap', 'apply', 'applyAsync', 'mapAsync', 'starmapAsync', 'imap', 'imapUnordered'] as const;
export const ASYNC_SUBMIT = ['applyAsync', 'mapAsync', 'starmapAsync'] as const;
export const MAP_LIKE = ['map', 'starmap', 'mapAsync', 'starmapAsync', 'imap', 'imapUnordered'] as const;

/** Catalog tasks that raise or end their worker: where a task error or a crash can happen. */
export const FAILING_TASKS = new Set(['raiseError', 'raiseTypeError', 'exitWith', 'killSelf', 'sleepThenExit']);
export const CRASHING_TASKS = new Set(['exitWith', 'killSelf', 'sleepThenExit']);

/** Whether a submission can raise: a failing task, or risky with a 0 among its items or arguments. */
export function mayRaise(event: TraceEvent): boolean {
  const [task, payload] = event.args as [string, unknown];
  if (FAILING_TASKS.has(task)) return true;
  return task === 'risky' && JSON.stringify(payload ?? []).match(/(^|[[,])0([\],]|$)/) !== null;
}

/** Whether a result handle has a value by `index`: a get() that returned, or raised before its timeout. */
export function settledBefore(t: TraceView, result: number, index: number): boolean {
  return t.events.some((e) => e.handle === result && e.kind === 'result' && e.op === 'get' && e.end <= index && (e.threw !== true || e.full !== true));
}

/**
 * Whether the rule sees an error a task may raise: a blocking submission (map, apply, imap…) of a task that may
 * raise, or an async one whose result it reads (get, callbacks) — not one it only waits for.
 */
export function seesTaskErrors(t: TraceView): boolean {
  return t.submissions().some((e) => {
    if (!mayRaise(e)) return false;
    if (!(ASYNC_SUBMIT as readonly string[]).includes(e.op)) return true;
    return t.events.some((r) => r.handle === e.creates && r.kind === 'result' && (r.op === 'get' || r.op === 'callbacks' || r.op === 'successful'));
  });
}

/** Whether a createPool call names an initializer that raises. */
export function raisingInitializer(event: TraceEvent): boolean {
  return FAILING_TASKS.has(String((event.args[0] as { initializer?: string } | undefined)?.initializer));
}

/**
 * How long each item of a map-like submission sleeps or computes, when the task's duration depends on its
 * arguments (slowSquare, sleepFor, sleepThenExit, cpuBound, rendezvous); undefined for tasks that take no time.
 */
export function durationsOf(event: TraceEvent): number[] | undefined {
  const task = String(event.args[0]);
  const spread = event.op === 'map' || event.op === 'mapAsync' || event.op === 'imap' || event.op === 'imapUnordered';
  const argLists = itemsOf(event).map((item) => (spread ? [item] : Array.isArray(item) ? item : [item]));
  const pick: Record<string, (args: unknown[]) => number> = {
    slowSquare: (args) => Number(args[1] ?? 300),
    sleepFor: (args) => Number(args[0]),
    sleepThenExit: (args) => Number(args[0]),
    cpuBound: (args) => Number(args[0]),
    // At most its timeout: it ends sooner when its partners run beside it.
    rendezvous: (args) => Number(args[3]),
  };
  return pick[task] === undefined ? undefined : argLists.map((args) => pick[task]!(args as unknown[]));
}

/** The items (or argument lists) of a map-like submission. */
export function itemsOf(event: TraceEvent): readonly unknown[] {
  const payload = event.args[1];
  return Array.isArray(payload) ? payload : [];
}
