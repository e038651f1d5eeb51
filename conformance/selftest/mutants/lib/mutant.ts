/**
 * A mutant is the reference implementation with one deliberate violation, built by wrapping the reference
 * adapter's session and handles and replacing only the methods the violation needs. The suite runs on it exactly
 * as on any implementation; a rule that fails here "kills" the mutant.
 */
import reference from '../../adapters/reference/index.js';
import type {
  AsyncResultHandle,
  Implementation,
  PoolHandle,
  PoolOptions,
  ProcessHandle,
  ProcessOptions,
  QueueHandle,
  QueueOptions,
  Session,
  TaskName,
} from '../../../harness/implementation.js';
import type { TraceView } from './trace-view.js';

export type Area = 'process' | 'pool' | 'queue';

export interface SessionContext {
  readonly base: Session;
  /** State one mutant keeps for the whole session (the processes started so far, say). */
  readonly shared: Map<string, unknown>;
  /**
   * A promise that never settles while the session lives: what "hangs forever" means in a mutant. It rejects
   * when the session closes, so nothing is left waiting once the rule's time bound has passed.
   */
  hang<T>(): Promise<T>;
  /** True once the session closed: a mutant's own waiting loops stop then. */
  readonly closed: boolean;
}

/** What a Process handle has been through on the reference, updated after each call that succeeded. */
export interface ProcessLife {
  started: boolean;
  joins: number;
  closed: boolean;
}

export interface ProcessContext {
  /** The options the rule passed (before any `processOptions` change). */
  readonly options: ProcessOptions;
  readonly life: ProcessLife;
  readonly session: SessionContext;
  /** State of this one handle, for the mutant's own use. */
  readonly state: Record<string, unknown>;
}

export interface PoolLife {
  closed: boolean;
  terminated: boolean;
}

export interface PoolContext {
  readonly options: PoolOptions;
  readonly life: PoolLife;
  readonly session: SessionContext;
  readonly state: Record<string, unknown>;
}

export interface ResultContext {
  readonly pool: PoolContext;
  /**
   * How the result was submitted: applyAsync, mapAsync or starmapAsync, with its task and arguments (and, for the
   * maps, the chunksize the rule gave).
   */
  readonly submitted: { readonly op: string; readonly task: TaskName; readonly payload: unknown; readonly chunksize?: number };
  readonly state: Record<string, unknown>;
}

export interface QueueLife {
  closed: boolean;
}

export interface QueueContext {
  readonly options: QueueOptions;
  /** The reference's own handle of this queue: what a process or pool given the queue receives in its arguments. */
  readonly handle: QueueHandle;
  readonly life: QueueLife;
  readonly session: SessionContext;
  readonly state: Record<string, unknown>;
}

/** Replacement methods: each gets the reference's handle and the context, and returns the new method. */
export type Patch<H, C> = { readonly [K in keyof H]?: (base: H, context: C) => H[K] };

type SessionQueries = Pick<Session, 'currentProcess' | 'cpuCount' | 'parentProcess' | 'activeChildren'>;

export interface MutantSpec {
  /** Kebab-case, the file's name: `process-signal-exit-positive` lives in mutants/process-signal-exit-positive.ts. */
  readonly name: string;
  readonly area: Area;
  /** The deliberate violation, as a sentence. */
  readonly violation: string;
  /**
   * The rules this mutant is designed to be caught by, above all (its designated rules): a realistic single fault
   * that each of them must kill. Other rules may kill it too (expected.json lists every kill); these may not miss it.
   */
  readonly aims?: readonly string[];
  /**
   * Whether a rule, judging by what it did on the reference, does what this mutant changes. A rule that does not
   * cannot tell the mutant from the reference, so it is not run (`--exhaustive` runs it anyway). Be generous:
   * answering true costs a run; answering false wrongly hides a kill.
   */
  readonly reaches: (trace: TraceView) => boolean;
  readonly session?: Patch<SessionQueries, SessionContext>;
  /** Changes the options before the reference sees them. */
  readonly processOptions?: (options: ProcessOptions, context: SessionContext) => ProcessOptions;
  readonly process?: Patch<ProcessHandle, ProcessContext>;
  readonly poolOptions?: (options: PoolOptions, context: SessionContext) => PoolOptions;
  readonly pool?: Patch<PoolHandle, PoolContext>;
  readonly result?: Patch<AsyncResultHandle, ResultContext>;
  readonly queueOptions?: (options: QueueOptions, context: SessionContext) => QueueOptions;
  readonly queue?: Patch<QueueHandle, QueueContext>;
  /** Runs once when a session opens, before the rule sees it. */
  readonly onOpen?: (context: SessionContext) => Promise<void>;
  /**
   * The implementation the mutant wraps, when not the reference adapter: the cluster adapter for a violation of
   * what only the cluster pool does (its capabilities then are the mutant's).
   */
  readonly base?: Implementation;
}

export interface Mutant {
  readonly name: string;
  readonly area: Area;
  readonly violation: string;
  readonly aims: readonly string[];
  readonly reaches: (trace: TraceView) => boolean;
  readonly implementation: Implementation;
  /** The name of the implementation it wraps: 'reference', or 'cluster' (which needs Redis). */
  readonly base: string;
}

export function defineMutant(spec: MutantSpec): Mutant {
  return {
    name: spec.name,
    area: spec.area,
    violation: spec.violation,
    aims: spec.aims ?? [],
    reaches: spec.reaches,
    base: (spec.base ?? reference).name,
    implementation: {
      name: spec.name,
      description: `mutant of the ${(spec.base ?? reference).name}: ${spec.violation}`,
      capabilities: (spec.base ?? reference).capabilities,
      open: () => openSession(spec),
    },
  };
}

async function openSession(spec: MutantSpec): Promise<Session> {
  const base = await (spec.base ?? reference).open();
  const waiting = new Set<(error: Error) => void>();
  let closed = false;
  const context: SessionContext = {
    base,
    shared: new Map(),
    hang: <T>() => {
      const pending = new Promise<T>((_, reject) => waiting.add(reject));
      pending.catch(() => undefined); // nobody may be waiting any more when the session closes
      return pending;
    },
    get closed() {
      return closed;
    },
  };
  await spec.onOpen?.(context);
  // A patched queue handle passed as an argument reaches the reference as the reference's own handle.
  const originals = new WeakMap<object, object>();
  const unwrap = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const original = originals.get(value);
    if (original !== undefined) return original;
    if (Array.isArray(value)) return value.map(unwrap);
    // A plain object of values is copied; one with methods is a handle, and only the same object is that handle.
    const data = Object.getPrototypeOf(value) === Object.prototype && !Object.values(value).some((v) => typeof v === 'function');
    return data ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)])) : value;
  };
  const session: Session = {
    createProcess: async (rawOptions) => {
      const options = unwrap(rawOptions) as ProcessOptions;
      const handle = await base.createProcess(spec.processOptions?.(options, context) ?? options);
      const life: ProcessLife = { started: false, joins: 0, closed: false };
      const tracked = track(handle, {
        start: () => (life.started = true),
        join: () => life.joins++,
        close: () => (life.closed = true),
      });
      return patch(tracked, spec.process, { options, life, session: context, state: {} });
    },
    createPool: async (rawOptions) => {
      const options = unwrap(rawOptions) as PoolOptions;
      const pool = await base.createPool!(spec.poolOptions?.(options, context) ?? options);
      const life: PoolLife = { closed: false, terminated: false };
      const tracked = track(pool, { close: () => (life.closed = true), terminate: () => (life.terminated = true) });
      const poolContext: PoolContext = { options, life, session: context, state: {} };
      const patched = unwrapping(patch(tracked, spec.pool, poolContext), unwrap);
      if (spec.result === undefined) return patched;
      const withResults = (op: 'applyAsync' | 'mapAsync' | 'starmapAsync') =>
        // The third argument is chunksize for the maps and SubmitOptions for applyAsync: passed on as it is.
        async (task: TaskName, payload: never, third?: never): Promise<AsyncResultHandle> => {
          const result = await (patched[op] as (t: TaskName, p: unknown, c?: unknown) => Promise<AsyncResultHandle>)(task, payload, third);
          const chunksize = op !== 'applyAsync' && typeof third === 'number' ? { chunksize: third as number } : {};
          return patch(result, spec.result, { pool: poolContext, submitted: { op, task, payload, ...chunksize }, state: {} });
        };
      return { ...patched, applyAsync: withResults('applyAsync'), mapAsync: withResults('mapAsync'), starmapAsync: withResults('starmapAsync') };
    },
    ...(base.createQueue === undefined
      ? {}
      : {
          createQueue: async (options: QueueOptions = {}) => {
            const queue = await base.createQueue!(spec.queueOptions?.(options, context) ?? options);
            if (spec.queue === undefined) return queue;
            const life: QueueLife = { closed: false };
            const patched = patch(track(queue, { close: () => (life.closed = true) }), spec.queue, { options, handle: queue, life, session: context, state: {} });
            originals.set(patched, queue);
            return patched;
          },
        }),
    currentProcess: () => (spec.session?.currentProcess?.(base, context) ?? base.currentProcess.bind(base))(),
    cpuCount: () => (spec.session?.cpuCount?.(base, context) ?? base.cpuCount.bind(base))(),
    // Optional members: present when the reference has them, patched when the mutant says so.
    ...(base.parentProcess === undefined
      ? {}
      : { parentProcess: () => (spec.session?.parentProcess?.(base, context) ?? base.parentProcess!.bind(base))() }),
    ...(base.activeChildren === undefined
      ? {}
      : { activeChildren: () => (spec.session?.activeChildren?.(base, context) ?? base.activeChildren!.bind(base))() }),
    close: async () => {
      closed = true;
      for (const reject of waiting) reject(new Error('the session closed while the mutant kept this call pending'));
      await base.close();
    },
  };
  // Whatever else the contract offers (createQueue, …) is the reference's own.
  return new Proxy(session, {
    get(target, key, receiver) {
      if (key in target) return Reflect.get(target, key, receiver) as unknown;
      const value = Reflect.get(base, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(base) : value;
    },
  });
}

/** A copy of `handle` whose methods get their arguments with patched handles replaced by the reference's. */
function unwrapping<H extends object>(handle: H, unwrap: (value: unknown) => unknown): H {
  const copy = { ...handle } as Record<string, unknown>;
  for (const [key, method] of Object.entries(handle) as [string, (...args: unknown[]) => unknown][]) {
    if (typeof method === 'function') copy[key] = (...args: unknown[]) => method(...args.map(unwrap));
  }
  return copy as H;
}

/** A copy of `handle` whose listed methods call `after()` once they resolve. */
function track<H extends object>(handle: H, after: { readonly [K in keyof H]?: () => unknown }): H {
  const copy = { ...handle } as Record<string, unknown>;
  for (const [key, hook] of Object.entries(after) as [string, () => unknown][]) {
    const method = (handle as Record<string, (...args: unknown[]) => Promise<unknown>>)[key]!;
    copy[key] = async (...args: unknown[]) => {
      const value = await method(...args);
      hook();
      return value;
    };
  }
  return copy as H;
}

function patch<H extends object, C>(base: H, patches: Patch<H, C> | undefined, context: C): H {
  if (patches === undefined) return base;
  const copy = { ...base } as Record<string, unknown>;
  for (const [key, make] of Object.entries(patches) as [string, (b: H, c: C) => unknown][]) copy[key] = make(base, context);
  return copy as H;
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
