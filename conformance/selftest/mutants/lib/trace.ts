/**
 * What a rule does with the contract, recorded while it runs on the reference: every call on the session and on
 * every handle it created, in the order the calls started, with their arguments and whether they threw.
 *
 * Why: a mutant differs from the reference only when a rule does what the mutant changes (reads an exit code
 * after a signal, joins a pool before closing it). Until that first moment, a run on the mutant is a run on the
 * reference. So a rule whose reference trace never does it cannot fail on that mutant unless it fails on the
 * reference too, and running it there proves nothing. `reaches(trace)` on each mutant says which rules to run.
 */
import type { Implementation, Session } from '../../../harness/implementation.js';

export interface TraceEvent {
  /** 'session', or the kind of handle: 'process', 'pool', 'result', 'queue'. */
  readonly kind: string;
  /** 0 for the session; otherwise the id given to the handle when a call created it. */
  readonly handle: number;
  readonly op: string;
  /** JSON-safe copy; paths inside the rule's temporary directory read `<tmp>/…`; handles read `{handle: id}`. */
  readonly args: readonly unknown[];
  /** The handle this call returned (createProcess, createPool, applyAsync, …). */
  readonly creates?: number;
  readonly threw?: true;
  /** What it resolved with, when that is null, a boolean or a small integer (an exit code): stable run to run. */
  readonly value?: null | boolean | number;
  /** The call took 20 ms or more: it waited for a child or a result. */
  readonly waited?: true;
  /** The call had a timeout argument (join, wait, get) and took at least 90% of it: it timed out. */
  readonly full?: true;
  /** Index of the first event that started after this call settled (events.length when it never did). */
  readonly end: number;
}

export type Trace = readonly TraceEvent[];

const KIND_OF_FACTORY: Record<string, string> = { createProcess: 'process', createPool: 'pool', createQueue: 'queue' };

interface Recording {
  readonly events: {
    kind: string;
    handle: number;
    op: string;
    args: unknown[];
    creates?: number;
    threw?: true;
    value?: null | boolean | number;
    waited?: true;
    full?: true;
    end?: number;
  }[];
  readonly ids: WeakMap<object, number>;
  /** Wrapped handle → the implementation's own, so handles passed back as arguments reach it unchanged. */
  readonly originals: WeakMap<object, object>;
  next: number;
}

/**
 * Wraps `implementation` so that every session it opens is recorded; `finished(trace)` is called when the session
 * closes (runRule opens exactly one session per rule).
 */
export function recorded(implementation: Implementation, finished: (trace: Trace) => void): Implementation {
  return {
    ...implementation,
    open: async () => {
      const recording: Recording = { events: [], ids: new WeakMap(), originals: new WeakMap(), next: 1 };
      const session = await implementation.open();
      const wrapped = wrap(session, 'session', 0, recording) as Session;
      const close = wrapped.close.bind(wrapped);
      return Object.assign(Object.create(wrapped) as Session, {
        close: async () => {
          try {
            await close();
          } finally {
            finished(compact(recording.events.map((event) => ({ ...event, end: event.end ?? recording.events.length }))));
          }
        },
      });
    },
  };
}

function wrap(target: object, kind: string, id: number, recording: Recording): object {
  const proxy = new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        const event: Recording['events'][number] = { kind, handle: id, op: key, args: args.map((arg) => describe(arg, recording)) };
        recording.events.push(event);
        const started = performance.now();
        const settle = () => {
          event.end = recording.events.length;
          const took = performance.now() - started;
          if (took >= 20) event.waited = true;
          const timeout = TIMED.has(key) ? args[0] : undefined;
          if (typeof timeout === 'number' && took >= timeout * 0.9) event.full = true;
        };
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(object, args.map((arg) => unwrap(arg, recording)));
        } catch (error) {
          event.threw = true;
          settle();
          throw error;
        }
        if (!(result instanceof Promise)) {
          settle();
          return result;
        }
        return result.then(
          (resolved: unknown) => {
            settle();
            if (isStable(resolved)) event.value = resolved;
            if (!isHandle(resolved)) return resolved;
            const handle = recording.next++;
            event.creates = handle;
            return wrap(resolved, KIND_OF_FACTORY[key] ?? 'result', handle, recording);
          },
          (error: unknown) => {
            event.threw = true;
            settle();
            throw error;
          },
        );
      };
    },
  });
  recording.ids.set(proxy, id);
  recording.originals.set(proxy, target);
  return proxy;
}

/** Calls whose first argument is a timeout in milliseconds. */
const TIMED = new Set(['join', 'wait', 'get']);

/** Results worth keeping in a trace: the same from one run to the next (an exit code, a flag, null). */
function isStable(value: unknown): value is null | boolean | number {
  return value === null || typeof value === 'boolean' || (Number.isInteger(value) && (value as number) >= -64 && (value as number) <= 255);
}

/** An object with methods (a handle), not a plain value such as an IterationOutcome or an array. */
function isHandle(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).some((v) => typeof v === 'function');
}

function unwrap(value: unknown, recording: Recording): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const original = recording.originals.get(value);
  if (original !== undefined) return original;
  if (Array.isArray(value)) return value.map((item) => unwrap(item, recording));
  // A handle the rule got elsewhere (an object with methods) must reach the implementation as that very object.
  if (Object.getPrototypeOf(value) === Object.prototype && !isHandle(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, recording)]));
  }
  return value;
}

const TMP = /^.*\/multiproc-rule-[^/]+/;

function describe(value: unknown, recording: Recording): unknown {
  if (typeof value === 'string') return value.replace(TMP, '<tmp>');
  if (typeof value !== 'object' || value === null) return value;
  const id = recording.ids.get(value);
  if (id !== undefined) return { handle: id };
  if (Array.isArray(value)) return value.map((item) => describe(item, recording));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v, recording)]));
}

/**
 * Polling (eventually()) repeats one call a number of times that depends on the machine's speed: a run of
 * identical calls is kept as at most two (so "called twice in a row" survives), and a trace stays the same from
 * one run to the next.
 */
function compact(events: readonly TraceEvent[]): TraceEvent[] {
  const kept: TraceEvent[] = [];
  const newIndex: number[] = [];
  const same = (a: TraceEvent | undefined, b: TraceEvent) =>
    a !== undefined && a.creates === undefined && b.creates === undefined && a.handle === b.handle && a.op === b.op &&
    a.threw === b.threw && a.value === b.value && a.full === b.full && JSON.stringify(a.args) === JSON.stringify(b.args);
  for (const [index, event] of events.entries()) {
    if (!(same(kept.at(-1), event) && same(kept.at(-2), event))) kept.push(event);
    newIndex[index] = kept.length - 1;
  }
  newIndex[events.length] = kept.length;
  return kept.map((event) => ({ ...event, end: newIndex[Math.min(event.end, events.length)]! }));
}
