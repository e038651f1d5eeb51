/**
 * Fuzz (issue 14): random option objects and argument lists thrown at every public constructor and method of
 * Pool, AsyncResult, Process and Queue. Every call must work, or fail at once (a synchronous throw or a
 * rejection) with a documented error class — one of multiproc's, or a TypeError/RangeError that multiproc
 * raised itself, not one leaking from deep inside (`Cannot read properties of …`). Only calls that wait by
 * design (a get without a timeout on an empty queue, join() of a running child) may still be pending at the
 * bound. No unhandled rejection, no uncaught exception, no child left after the run.
 */
import { fc } from '@fast-check/ava';
import test, { type ExecutionContext } from 'ava';
import { MultiprocError, Pool, Process, Queue } from './implementation.js';
import { assertNoOrphans, descendantsOf, isLoaderHelper } from '../test-support/no-orphans.js';
import { properties, within } from './harness.js';
import { describeValue, echo, exitWith, returnNothing, square, throwError } from './tasks.js';

const { property } = properties(import.meta, test);

/** How long a call that waits by design (a get on an empty queue) is watched before it counts as pending. */
const CALL_MS = 5000;
/**
 * How long a call that must settle may take: its work is instant, but it may start workers, and on a loaded 2-core
 * machine starting two took over 5 s (CI). Only a call that hangs waits this long, once, and fails.
 */
const SETTLE_MS = 60_000;

/** Values a caller means well with: mostly valid, so that calls also get far enough to work. */
const plausible: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 2 }),
  fc.constantFrom(0, 100, true, false, 'x', [1, 2], [[1, 2]]),
);

/** Values of every kind a careless caller passes: small numbers only, so a valid `processes` stays cheap. */
const careless: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(undefined, null, NaN, 1.5, -0.5, Infinity, -Infinity, 2 ** 31, -0, '', '2', 'x', true, false, [], {}, [1, 2],
    { timeout: 1 }, { block: 'no' }, () => 1, Symbol('s'), 10n, new Map([[1, 2]]), new Date(0)),
  fc.string({ maxLength: 4 }),
  fc.double({ noNaN: false }).filter((x) => !Number.isInteger(x) || Math.abs(x) <= 2),
);

const weird: fc.Arbitrary<unknown> = fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: careless });

/** Options objects: known keys (some misspelt, Python's spellings) with weird values, sometimes not an object. */
function optionsOf(keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...keys), weird, { maxKeys: 2, noNullPrototype: true }) },
    { weight: 1, arbitrary: careless },
  );
}

const poolOptions = optionsOf(['processes', 'maxTasksPerChild', 'maxtasksperchild', 'initargs', 'terminateGraceMs', 'env', 'timeout']);
const processOptionKeys = ['args', 'name', 'daemon', 'env', 'kwargs'];
const queueOptions = optionsOf(['maxsize', 'maxSize']);
const blockOptions = optionsOf(['block', 'timeoutMs', 'timeout']);
const callbacks = optionsOf(['callback', 'errorCallback', 'error_callback']);
const poolTask = fc.constantFrom<[string, unknown]>(['echo', echo], ['square', square], ['throwError', throwError], ['exitWith', exitWith],
  ['an arrow', (x: unknown) => x], ['weird', 5]);
const processTarget = fc.constantFrom<[string, unknown]>(['returnNothing', returnNothing], ['throwError', throwError], ['exitWith', exitWith],
  ['an arrow', () => undefined], ['weird', 'returnNothing']);
const argList = fc.oneof({ weight: 3, arbitrary: fc.array(weird, { maxLength: 3 }) }, { weight: 1, arbitrary: careless });

/** One call: what it does, for the report, and whether waiting past the bound is its nature. */
interface Call {
  readonly label: string;
  readonly mayWait: boolean;
  readonly run: (world: World) => unknown;
}

interface World {
  readonly pool: Pool;
  readonly queue: Queue<unknown>;
  readonly made: { pools: Pool[]; processes: Process[]; queues: Queue<unknown>[] };
}

const show = (value: unknown) => describeValue(value).slice(0, 60);

const calls: fc.Arbitrary<Call> = fc.oneof(
  fc.tuple(fc.oneof(poolOptions, weird), fc.option(careless, { nil: undefined, freq: 5 })).map(([first, second]): Call => ({
    label: `new Pool(${show(first)}${second === undefined ? '' : `, ${show(second)}`})`,
    mayWait: false,
    run: (w) => {
      const args = second === undefined ? [first] : [first, second];
      const pool = new (Pool as unknown as new (...a: unknown[]) => Pool)(...args);
      w.made.pools.push(pool);
      return pool.map(square, [1, 2]);
    },
  })),
  fc.tuple(fc.constantFrom('map', 'starmap', 'mapAsync', 'imap', 'imapUnordered'), poolTask, fc.oneof(argList, fc.array(argList, { maxLength: 2 })), fc.option(weird, { nil: undefined }))
    .map(([method, [name, fn], items, chunksize]): Call => ({
      label: `pool.${method}(${name}, ${show(items)}${chunksize === undefined ? '' : `, ${show(chunksize)}`})`,
      mayWait: false,
      run: async (w) => {
        const pool = w.pool as unknown as Record<string, (...a: unknown[]) => unknown>;
        const out = pool[method]!.call(w.pool, fn, items, chunksize);
        if (method === 'mapAsync') return (out as { get(ms: number): Promise<unknown> }).get(CALL_MS);
        if (method.startsWith('imap')) {
          const values: unknown[] = [];
          for await (const value of out as AsyncIterable<unknown>) values.push(value);
          return values;
        }
        return out;
      },
    })),
  fc.tuple(poolTask, argList, callbacks, fc.option(weird, { nil: undefined })).map(([[name, fn], args, cbs, timeout]): Call => ({
    label: `pool.applyAsync(${name}, ${show(args)}, ${show(cbs)}).get(${show(timeout)})`,
    // get() without a limit waits as long as the task runs: these tasks end at once or crash their worker.
    mayWait: false,
    run: (w) => w.pool.applyAsync(fn as never, args as never, cbs as never).get((timeout ?? CALL_MS) as never),
  })),
  fc.tuple(processTarget, fc.dictionary(fc.constantFrom(...processOptionKeys), weird, { maxKeys: 2, noNullPrototype: true }), fc.option(weird, { nil: undefined }))
    .map(([[name, target], options, joinTimeout]): Call => ({
      label: `new Process({ target: ${name}, ${Object.keys(options).join(', ')} }).start().join(${show(joinTimeout)})`,
      mayWait: true,
      run: async (w) => {
        const p = new Process({ ...options, target } as never);
        w.made.processes.push(p);
        p.start();
        await p.join(joinTimeout as never);
        return p.exitCode;
      },
    })),
  fc.tuple(queueOptions, weird, blockOptions).map(([options, item, block]): Call => ({
    label: `new Queue(${show(options)}).put(${show(item)}, ${show(block)})`,
    mayWait: true,
    run: async (w) => {
      const q = new Queue(options as never);
      w.made.queues.push(q);
      return q.put(item, block as never);
    },
  })),
  fc.tuple(fc.constantFrom('get', 'put', 'getNowait'), weird, blockOptions).map(([method, item, block]): Call => ({
    label: `queue.${method}(${method === 'put' ? `${show(item)}, ` : ''}${method === 'getNowait' ? '' : show(block)})`,
    mayWait: method !== 'getNowait',
    run: (w) => (method === 'put' ? w.queue.put(item, block as never) : method === 'get' ? w.queue.get(block as never) : w.queue.getNowait()),
  })),
);

/** An error the library documents: its own classes, or a TypeError/RangeError it raised itself. */
function documented(error: unknown): boolean {
  if (error instanceof MultiprocError) return true;
  if (!(error instanceof TypeError || error instanceof RangeError)) return false;
  // Names, not classes: a subclass rebuilt from a worker (TaskReferenceError, SerializationError, …) is fine.
  return !/Cannot read propert|is not a function|is not iterable|Spread syntax|Cannot convert|Maximum call stack|Invalid array length/.test(error.message);
}

type Outcome = 'worked' | 'refused' | 'pending' | `UNDOCUMENTED ${string}`;

async function attempt(call: Call, world: World): Promise<Outcome> {
  let value: unknown;
  try {
    value = call.run(world);
  } catch (error) {
    return documented(error) ? 'refused' : `UNDOCUMENTED ${describeThrown(error)}`;
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = call.mayWait ? CALL_MS : SETTLE_MS;
  const pending = new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), bound)));
  try {
    const settled = await Promise.race([Promise.resolve(value).then(() => 'worked' as const), pending]);
    if (settled === 'pending') {
      // A wait that is still a wait is what a call that waits by design does; it may end later, quietly.
      Promise.resolve(value).catch(() => undefined);
      return call.mayWait ? 'pending' : `UNDOCUMENTED still pending after ${SETTLE_MS} ms`;
    }
    return settled;
  } catch (error) {
    // A task's own error (throwError) or its crash (exitWith) is the task's outcome, not a misuse of the API.
    if (isTaskOutcome(error)) return 'worked';
    return documented(error) ? 'refused' : `UNDOCUMENTED ${describeThrown(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Errors rebuilt from a worker carry where they were raised: the task's own failure, whatever its class. */
function isTaskOutcome(error: unknown): boolean {
  return error instanceof Error && 'raisedIn' in error;
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : `a thrown ${typeof error}`;
}

async function cleanUp(world: World): Promise<void> {
  for (const p of world.made.processes) {
    if (p.pid !== null && p.exitCode === null) p.kill();
    await within(p.join(), 'join() of a fuzzed Process').catch(() => undefined);
  }
  for (const pool of world.made.pools) {
    pool.terminate();
    await within(pool.join(), 'join() of a fuzzed Pool').catch(() => undefined);
  }
  for (const q of world.made.queues) q.close();
}

let shared: { pool: Pool; queue: Queue<unknown> } | undefined;

test.after.always(async () => {
  if (shared === undefined) return;
  shared.pool.terminate();
  await within(shared.pool.join(), 'join() of the shared pool').catch(() => undefined);
  shared.queue.close();
});

property('every public constructor and method given random options and arguments works or fails at once with a documented error', [fc.array(calls, { minLength: 1, maxLength: 6 })], async (t: ExecutionContext, chosen: Call[]) => {
  shared ??= { pool: new Pool({ processes: 1 }), queue: new Queue() };
  const world: World = { ...shared, made: { pools: [], processes: [], queues: [] } };
  const unhandled: unknown[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  const onException = (error: unknown) => unhandled.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const outcomes: string[] = [];
  try {
    for (const call of chosen) outcomes.push(`${call.label} → ${await attempt(call, world)}`);
  } finally {
    await cleanUp(world);
    // An unhandled rejection is reported on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  t.deepEqual(outcomes.filter((line) => line.includes('UNDOCUMENTED')), [], outcomes.join('\n'));
  t.deepEqual(unhandled.map(describeThrown), [], 'no unhandled rejection or uncaught exception');
  // Only the shared pool's worker is left; everything the calls started is gone.
  const left = descendantsOf().filter((pid) => !isLoaderHelper(pid)).length;
  t.true(left <= 1, `${left} child processes left after the calls (the shared pool has 1 worker)`);
}, { runs: 25, serial: true, generators: ['1–6 calls of 7 kinds (Pool, pool methods, applyAsync/get, Process, Queue, queue methods) over weird values'] });

assertNoOrphans(test);
