/**
 * Parallel ≡ sequential: for any input and any pool size and chunksize, what the Pool computes equals what
 * the same function computes in this process (`xs.map(f)`), in order for map/starmap/imap and as a
 * permutation for imapUnordered. And when tasks throw, map rejects with one of their errors — exactly which
 * one is stated below.
 */
import { fc } from '@fast-check/ava';
import test, { type ExecutionContext } from 'ava';
import { assertNoOrphans } from '../test-support/no-orphans.js';
import { delays, floats, inputs, processCounts, typedArrays, values } from './arbitraries.js';
import { describeValue } from './describe-value.js';
import { assertSame, collect, properties, WARM_STEP_MS, within } from './harness.js';
import { SharedPools } from './pools.js';
import { concatArgs, double, echo, echoLater, isRefused, maybeThrow, maybeThrowLater, viewOf } from './tasks.js';

const { property, writeRecord } = properties(import.meta, test);
const pools = new SharedPools();

// Workers start once, before the properties, so that their times measure runs, not start-up.
test.before('start the shared pools (1..4 workers)', () => pools.warm([1, 2, 3, 4]));

/** One run's pool size, input and chunksize (1..n+1, or left out for Python's default). */
const poolCase = <T>(items: fc.Arbitrary<T[]>) =>
  fc
    .record({ processes: processCounts.arb, items, chunk: fc.option(fc.integer({ min: 1, max: 13 }), { nil: undefined }) })
    .map(({ processes, items, chunk }) => ({ processes, items, chunksize: chunk === undefined ? undefined : Math.min(chunk, items.length + 1) }));

const CASE = [processCounts.name, 'chunksize 1..n+1 or default'];
const PAIRS = `[value, delay] pairs: ${values.name}, ${delays.name}`;
const SHAPES = 'input as array, iterator or async iterator';
const valuesCase = poolCase(inputs(values.arb));
const delayed = inputs(fc.tuple(values.arb, delays.arb));

property('map(echo, xs, chunksize) ≡ xs.map(echo)', [valuesCase], async (t, { processes, items, chunksize }) => {
  const got = await within(pools.get(processes).map(echo, items, chunksize), 'map(echo)', WARM_STEP_MS);
  assertSame(t, got, items.map(echo), 'map(echo) result');
}, { runs: 80, generators: [values.name, ...CASE] });

property('map(describeValue, xs): each worker received exactly what was sent', [valuesCase], async (t, { processes, items, chunksize }) => {
  const got = await within(pools.get(processes).map(describeValue, items, chunksize), 'map(describeValue)', WARM_STEP_MS);
  t.deepEqual(got, items.map(describeValue));
}, { runs: 60, generators: [values.name, ...CASE] });

property('map(double, numbers) ≡ numbers.map(double), -0 and NaN included', [poolCase(inputs(floats.arb, 20))], async (t, { processes, items, chunksize }) => {
  const got = await within(pools.get(processes).map(double, items, chunksize), 'map(double)', WARM_STEP_MS);
  assertSame(t, got, items.map(double), 'map(double) result');
}, { runs: 60, generators: [floats.name, ...CASE] });

property('starmap(concatArgs, argLists) ≡ argLists.map(args => concatArgs(...args))', [poolCase(inputs(fc.array(values.arb, { maxLength: 4 })))], async (t, { processes, items, chunksize }) => {
  const got = await within(pools.get(processes).starmap(concatArgs, items, chunksize), 'starmap(concatArgs)', WARM_STEP_MS);
  t.deepEqual(got, items.map((args) => concatArgs(...args)));
}, { runs: 60, generators: [`argument lists of 0..4 of: ${values.name}`, ...CASE] });

/** The same items as an array, a generator or an async generator: imap reads any of them lazily. */
type Shape = 'array' | 'iterator' | 'async iterator';
function feed<T>(items: T[], shape: Shape): Iterable<T> | AsyncIterable<T> {
  if (shape === 'array') return items;
  if (shape === 'iterator') return (function* () { yield* items; })();
  return (async function* () { for (const item of items) yield item; })();
}
const shapes: fc.Arbitrary<Shape> = fc.constantFrom('array', 'iterator', 'async iterator');

property('imap(echoLater, xs, chunksize) yields map()’s results in input order', [poolCase(delayed), shapes], async (t, { processes, items, chunksize }, shape) => {
  const got = await collect(pools.get(processes).imap(echoLater, feed(items, shape), chunksize), 'imap(echoLater)', WARM_STEP_MS);
  assertSame(t, got, items.map(([value]) => value), 'imap result');
}, { runs: 60, generators: [PAIRS, SHAPES, ...CASE] });

property('imapUnordered(echoLater, xs, chunksize) yields a permutation of map()’s results', [poolCase(delayed), shapes], async (t, { processes, items, chunksize }, shape) => {
  const got = await collect(pools.get(processes).imapUnordered(echoLater, feed(items, shape), chunksize), 'imapUnordered(echoLater)', WARM_STEP_MS);
  const sorted = (list: unknown[]) => list.map(describeValue).sort();
  t.deepEqual(sorted(got), sorted(items.map(([value]) => value)));
}, { runs: 60, generators: [PAIRS, SHAPES, ...CASE] });

property('applyAsync(concatArgs, args) for each, collected ≡ sequential calls; each callback once', [processCounts.arb, inputs(fc.array(values.arb, { maxLength: 3 }), 8)], async (t, processes, argLists) => {
  const pool = pools.get(processes);
  const called: unknown[][] = argLists.map(() => []);
  const results = argLists.map((args, i) => pool.applyAsync(concatArgs, args, { callback: (value) => called[i]!.push(value) }));
  const got = await within(Promise.all(results.map((r) => r.get())), 'applyAsync(concatArgs).get()', WARM_STEP_MS);
  const expected = argLists.map((args) => concatArgs(...args));
  t.deepEqual(got, expected);
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(called, expected.map((value) => [value]), 'each callback ran once with its value');
}, { runs: 60, generators: [processCounts.name, `up to 8 argument lists of 0..3 of: ${values.name}`] });

property('map(echoLater, pairs, chunksize) ≡ sequential, for async tasks finishing out of order', [poolCase(delayed)], async (t, { processes, items, chunksize }) => {
  const got = await within(pools.get(processes).map(echoLater, items, chunksize), 'map(echoLater)', WARM_STEP_MS);
  assertSame(t, got, items.map(([value]) => value), 'map(echoLater) result');
}, { runs: 60, generators: [PAIRS, ...CASE] });

property('a typed array reaches the worker with its own buffer and byteOffset, as structured clone keeps them', [processCounts.arb, inputs(typedArrays.arb, 4)], async (t, processes, arrays) => {
  const got = await within(pools.get(processes).map(viewOf, arrays, 1), 'map(viewOf)', WARM_STEP_MS);
  t.deepEqual(got, arrays.map(viewOf));
}, {
  runs: 10,
  generators: [processCounts.name, typedArrays.name],
  knownFailure: 'Node\'s serializer (IPC \'advanced\', v8.serialize) delivers a typed array as a view into the whole message buffer',
});

// ——— errors ———

/** Python's default chunksize, which the reference keeps: ceil(n / (4 × processes)). */
const chunksOf = <T>(items: T[], processes: number, chunksize: number | undefined): T[][] => {
  const size = chunksize ?? Math.ceil(items.length / (4 * processes));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};

/**
 * Which error map() reports when several items throw: a worker runs a chunk's items in order and stops at the
 * first that throws, and map() rejects with the error of the first failing chunk to ARRIVE (as CPython's
 * MapResult keeps the first failure it is told of) — not the lowest failing index. So the error is the
 * first refused item of one of the chunks; with one worker, which runs chunks in input order, it is the
 * first refused item of the whole input.
 */
async function checkMapError(t: ExecutionContext, run: () => Promise<unknown[]>,
  xs: number[], processes: number, chunksize: number | undefined, expectedOk: unknown[]): Promise<void> {
  const candidates = chunksOf(xs, processes, chunksize).map((chunk) => chunk.find(isRefused)).filter((x) => x !== undefined);
  const outcome = await within(run().then((value) => ({ value }), (error: unknown) => ({ error })), 'map(maybeThrow)', WARM_STEP_MS);
  if (candidates.length === 0) {
    t.false('error' in outcome, `map rejected although no item is refused: ${'error' in outcome ? String(outcome.error) : ''}`);
    if ('value' in outcome) t.deepEqual(outcome.value, expectedOk);
    return;
  }
  if (!('error' in outcome)) return t.fail(`map resolved although items ${candidates.join(', ')} are refused`);
  const error = outcome.error as Error & { item?: unknown };
  t.true(error instanceof Error, 'the rejection is an Error');
  t.is(error.name, 'ValueError');
  t.is(error.message, `maybeThrow refuses ${error.item}: it is a multiple of 5`);
  t.true(candidates.some((x) => Object.is(x, error.item)), `error of item ${error.item}, not the first refused item of any chunk (${candidates.join(', ')})`);
  if (processes === 1) t.is(error.item, candidates[0], 'one worker: the first refused item of the input');
}

const smallInts = poolCase(inputs(fc.integer({ min: -30, max: 30 }), 16));

property('map(maybeThrow) rejects iff some item throws, with the error of the first failing chunk to arrive', [smallInts], async (t, { processes, items, chunksize }) => {
  await checkMapError(t, () => pools.get(processes).map(maybeThrow, items, chunksize), items, processes, chunksize, items.map((x) => x + 1));
}, { runs: 80, generators: ['integer -30..30 (multiples of 5 throw)', ...CASE] });

property('map(maybeThrowLater) (async, out of order): rejects iff some item rejects, with one of theirs', [smallInts, fc.array(delays.arb, { minLength: 16, maxLength: 16 })], async (t, { processes, items, chunksize }, ms) => {
  const pairs = items.map((x, i) => [x, ms[i]!] as const);
  await checkMapError(t, () => pools.get(processes).map(maybeThrowLater, pairs, chunksize), items, processes, chunksize, items.map((x) => x + 1));
}, { runs: 60, generators: ['integer -30..30 (multiples of 5 throw)', delays.name, ...CASE] });

test.after.always('terminate the shared pools', () => pools.terminateAll());
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
