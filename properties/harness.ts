/**
 * How a property file declares its properties: @fast-check/ava's testProp with a seed we choose (so the
 * report can record it), a run count scaled by MULTIPROC_PROPERTY_RUNS_FACTOR, an optional replay path, and
 * a record of runs, time, generators and status written to reports/ when the file ends.
 *
 * Environment:
 * - MULTIPROC_PROPERTY_RUNS_FACTOR  multiplies every property's run count (`npm run properties:deep`: 20)
 * - MULTIPROC_PROPERTY_SEED         replays with this seed (every property of the run uses it)
 * - MULTIPROC_PROPERTY_PATH         with the seed, replays exactly the failing case (use --match to pick one)
 * - MULTIPROC_PROPERTIES_IMPL       runs the properties on a copy of reference/src (see implementation.ts);
 *                                   such runs write no record
 */
import { testProp, type fc } from '@fast-check/ava';
import type { ExecutionContext, TestFn } from 'ava';
import { describeValue } from './describe-value.js';
import { type PropertyRecord, saveFileRecord, writeMarkdown } from './report.js';
import { sameValue } from './same-value.js';

export const RUNS_FACTOR = positive(process.env.MULTIPROC_PROPERTY_RUNS_FACTOR, 1);
const SEED = seedFrom(process.env.MULTIPROC_PROPERTY_SEED);
const REPLAY_PATH = process.env.MULTIPROC_PROPERTY_PATH || undefined;

/**
 * Bound for one step of a run (a map, a join, a process's life). Starting Node with the TypeScript loader takes
 * ~0.5 s idle and many seconds on a busy 2-core machine running other test files.
 */
export const STEP_MS = 60_000;
/**
 * Bound for one step on workers already started (a map on a warm pool, a queue round trip): it takes
 * milliseconds, and a hang found by a property should not cost a minute per shrinking step.
 */
export const WARM_STEP_MS = 15_000;

export interface PropertyOptions {
  /** Runs under `npm test`; multiplied by MULTIPROC_PROPERTY_RUNS_FACTOR. */
  readonly runs: number;
  /** What the inputs are made of, for the report. */
  readonly generators: readonly string[];
  /** When set, the property is skipped and its title says why. */
  readonly skip?: string | undefined;
  /** Runs alone in its file (for properties that count processes the test process starts). */
  readonly serial?: boolean;
  /**
   * A deviation we know of and keep visible: ava's `.failing`, which passes while the property fails and
   * turns red once it holds (then drop this option). The text says why it fails.
   */
  readonly knownFailure?: string;
  /** Cases run first, before the random ones (fast-check's `examples`). */
  readonly examples?: readonly unknown[][];
}

interface Stats {
  runs: number;
  first: number | undefined;
  last: number;
  readonly seed: number;
  readonly options: PropertyOptions;
  status: string;
}

/**
 * The `property()` of one file. Call it at the top of a .prop.ts file with that file's ava `test`; it registers
 * the hook that writes the file's record, which must come after the hooks that clean up (they run in order).
 */
export function properties(meta: ImportMeta, test: TestFn) {
  const stats = new Map<string, Stats>();
  let recordWhenAllSkipped = false;
  const titles = new Map<string, string>();

  // ava titles a hook run `${hook title} for ${test title}`.
  const hook = 'record the status';
  test.afterEach.always(hook, (t) => {
    const name = titles.get(t.title.slice(`${hook} for `.length));
    const entry = name === undefined ? undefined : stats.get(name);
    if (entry === undefined) return;
    const known = entry.options.knownFailure;
    entry.status = !t.passed ? 'FAILED' : known === undefined ? 'passed' : `known failure: ${known}`;
  });

  const writeRecord = async () => {
    // A run on a deliberately broken copy (implementation.ts) says nothing about the reference.
    if ((process.env.MULTIPROC_PROPERTIES_IMPL ?? '') !== '') return;
    const ran: Record<string, PropertyRecord> = {};
    for (const [name, s] of stats) {
      if (s.first === undefined && s.options.skip === undefined) continue; // Not selected in this run.
      ran[name] = {
        runs: s.runs,
        configuredRuns: s.options.runs * RUNS_FACTOR,
        ms: s.first === undefined ? 0 : Math.round(s.last - s.first),
        generators: s.options.generators,
        seed: s.seed,
        status: s.options.skip === undefined ? s.status : `skipped: ${s.options.skip}`,
      };
    }
    saveFileRecord(new URL(meta.url).pathname, RUNS_FACTOR, [...stats.keys()], ran);
    await writeMarkdown();
  };

  function property<Ts extends [unknown, ...unknown[]]>(
    name: string,
    arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
    predicate: (t: ExecutionContext, ...args: Ts) => Promise<void> | void,
    options: PropertyOptions,
  ): void {
    if (stats.has(name)) throw new Error(`property "${name}" is declared twice in ${meta.url}`);
    const seed = SEED ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
    const entry: Stats = { runs: 0, first: undefined, last: 0, seed, options, status: 'did not finish' };
    stats.set(name, entry);
    if (options.skip !== undefined) {
      test.skip(`${name} — skipped: ${options.skip}`, () => undefined);
      // ava runs no hook in a file whose tests are all skipped: record them once the file has declared all.
      if (!recordWhenAllSkipped) {
        recordWhenAllSkipped = true;
        setImmediate(() => {
          if ([...stats.values()].every((s) => s.options.skip !== undefined)) void writeRecord();
        });
      }
      return;
    }
    // @fast-check/ava names the test `${name} (with seed=${seed})`; the afterEach hook finds it by that title.
    titles.set(`${name} (with seed=${seed})`, name);
    const register = options.knownFailure !== undefined ? testProp.failing : options.serial === true ? testProp.serial : testProp;
    register(
      name,
      arbitraries as never,
      async (t: ExecutionContext, ...args: unknown[]) => {
        entry.runs++;
        entry.first ??= performance.now();
        try {
          await predicate(t, ...(args as Ts));
        } finally {
          entry.last = performance.now();
        }
      },
      {
        seed,
        numRuns: options.runs * RUNS_FACTOR,
        ...(REPLAY_PATH === undefined ? {} : { path: REPLAY_PATH }),
        ...(options.examples === undefined ? {} : { examples: options.examples as never }),
        // A known failure is not shrunk on every `npm test`: its counterexample is in the option's text.
        ...(options.knownFailure === undefined ? {} : { endOnFailure: true }),
      },
    );
  }

  return { property, writeRecord };
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, what: string, ms = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects an async iterator, each step bounded. */
export async function collect<T>(iterator: AsyncIterableIterator<T>, what: string, ms = STEP_MS): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const step = await within(iterator.next(), what, ms);
    if (step.done === true) return out;
    out.push(step.value);
  }
}

function positive(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`MULTIPROC_PROPERTY_RUNS_FACTOR must be a positive integer, got "${text}"`);
  }
  return value;
}

/** Deep equality as structured clone keeps it (see same-value.ts); a failure shows both values in full. */
export function assertSame(t: ExecutionContext, actual: unknown, expected: unknown, what: string): void {
  if (sameValue(actual, expected)) {
    t.pass();
    return;
  }
  t.fail(`${what}:\n  expected ${describeValue(expected)}\n  received ${describeValue(actual)}`);
}

function seedFrom(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new RangeError(`MULTIPROC_PROPERTY_SEED must be an integer (as printed: seed=…), got "${text}"`);
  return seed;
}
