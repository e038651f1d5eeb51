/**
 * Numbers cross as one Float64Array (reference/src/pool/packed.ts), in both directions. Every value must
 * come back exactly as sent, and anything that is not all numbers must take the ordinary way, unchanged.
 */
import test from 'ava';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { packNumbers, ValuesCollector } from '../../src/pool/packed.js';
import { identity, square, squareOrThrow, squareSlowAtZero } from './fixtures/pool-tasks.js';
import { PROMPT_MS, RUN_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

const shared = new Pool({ processes: 2 });
test.after.always('terminate the shared pool', async () => {
  shared.terminate();
  await within(shared.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

/** Numbers a double keeps and a careless encoding loses: signed zero, NaN, infinities, past 2^53, subnormals. */
const EDGES = [-0, 0, NaN, Infinity, -Infinity, 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_VALUE, Number.MIN_VALUE,
  -Number.MIN_VALUE, 0.1, -1.5, 2 ** 31, -(2 ** 31) - 1, 1e-310, 123_456_789_012];

/** Same length and each value Object.is the expected one (deepEqual does not tell -0 from 0). */
function assertSameValues(t: import('ava').ExecutionContext, actual: readonly unknown[], expected: readonly unknown[]): void {
  t.is(actual.length, expected.length);
  const differ = expected.flatMap((value, i) => (Object.is(actual[i], value) ? [] : [`[${i}] ${String(actual[i])} ≠ ${String(value)}`]));
  t.deepEqual(differ, []);
}

test('packNumbers keeps every number exactly, and only packs runs of numbers long enough to be worth it', (t) => {
  const packed = packNumbers(EDGES);
  t.true(packed instanceof Float64Array);
  assertSameValues(t, [...packed!], EDGES);
  t.is(packNumbers([1, 2, 3]), undefined, 'a few numbers stay an array');
  assertSameValues(t, [...packNumbers(EDGES.concat(EDGES), 5, 30)!], EDGES.concat(EDGES).slice(5, 30));
});

test('packNumbers leaves alone an array with a hole, a string, a BigInt, a boxed number or undefined', (t) => {
  const numbers = Array.from({ length: 40 }, (_, i) => i);
  const sparse = numbers.slice();
  delete sparse[17];
  t.is(packNumbers(sparse), undefined, 'hole');
  for (const odd of ['17', 17n, Object(17), undefined, null, [17]]) {
    const mixed = numbers.slice();
    mixed[17] = odd;
    t.is(packNumbers(mixed), undefined, `${typeof odd} ${String(odd)}`);
  }
});

test('ValuesCollector packs results while they are numbers and turns into an array, in order, at the first that is not', (t) => {
  const all = new ValuesCollector(EDGES.length);
  for (const value of EDGES) all.push(value);
  t.true(all.values() instanceof Float64Array);
  assertSameValues(t, [...all.values()], EDGES);

  const mixed = new ValuesCollector(30);
  const expected: unknown[] = [];
  for (let i = 0; i < 30; i++) {
    const value = i === 20 ? 'twenty' : i === 25 ? { n: 25 } : i === 3 ? -0 : i * 1.5;
    mixed.push(value);
    expected.push(value);
  }
  t.true(Array.isArray(mixed.values()));
  assertSameValues(t, mixed.values() as unknown[], expected);

  const partial = new ValuesCollector(30);
  for (let i = 0; i < 10; i++) partial.push(-i);
  t.deepEqual(partial.array(), Array.from({ length: 10 }, (_, i) => -i), 'the results before a failure, as an array');
  t.is(partial.values().length, 10);
});

test('map of numbers returns each one exactly (-0, NaN, ±Infinity, past 2^53, subnormals), in order', async (t) => {
  const xs = Array.from({ length: 1000 }, (_, i) => EDGES[i % EDGES.length]! * (i % 3 === 0 ? 1 : -1));
  assertSameValues(t, await within(shared.map(identity, xs), RUN_MS, 'map'), xs);
  assertSameValues(t, await within(shared.map(identity, xs, 7), RUN_MS, 'map chunksize 7'), xs);
  assertSameValues(t, await within(shared.map(square, xs, 100), RUN_MS, 'map square'), xs.map(square));
});

test('map of an input that is not all numbers takes the ordinary way and comes back unchanged', async (t) => {
  const numbers = Array.from({ length: 200 }, (_, i) => i - 100.5);
  const cases: Record<string, unknown[]> = {
    'a string among numbers': numbers.map((x, i) => (i === 150 ? 'x' : x)),
    'a BigInt among numbers': numbers.map((x, i) => (i === 3 ? 10n ** 30n : x)),
    'null and undefined among numbers': numbers.map((x, i) => (i % 50 === 0 ? null : i % 50 === 1 ? undefined : x)),
    'nested arrays of numbers': numbers.map((x) => [x, -x]),
  };
  for (const [what, xs] of Object.entries(cases)) {
    t.deepEqual(await within(shared.map(identity, xs, 40), RUN_MS, what), xs, what);
  }
  const sparse = numbers.slice();
  delete sparse[77];
  const back = await within(shared.map(identity, sparse, 40), RUN_MS, 'sparse');
  t.is(back.length, sparse.length);
  t.is(back[77], undefined, 'a hole reads as undefined in the task, as it did before packing');
  t.deepEqual(back.filter((_, i) => i !== 77), numbers.filter((_, i) => i !== 77));
});

test('results that stop being numbers midway through a chunk come back in order, whatever their kind', async (t) => {
  const xs: unknown[] = Array.from({ length: 300 }, (_, i) => (i % 97 === 50 ? `s${i}` : i % 89 === 10 ? [i] : i));
  t.deepEqual(await within(shared.map(identity, xs, 100), RUN_MS, 'map'), xs);
  t.deepEqual(await within(shared.starmap(identity, xs.map((x) => [x]), 100), RUN_MS, 'starmap'), xs);
});

test('imap and imapUnordered read packed results item by item', async (t) => {
  const xs = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? -i : i + 0.25));
  const ordered: number[] = [];
  for await (const value of shared.imap(square, xs, 50)) ordered.push(value);
  assertSameValues(t, ordered, xs.map(square));
  const unordered: number[] = [];
  for await (const value of shared.imapUnordered(square, xs, 50)) unordered.push(value);
  t.deepEqual(unordered.sort((a, b) => a - b), xs.map(square).sort((a, b) => a - b));
});

test('a packed chunk that fails midway: map rejects with the task\'s error, imap yields the results before it', async (t) => {
  const xs = Array.from({ length: 100 }, (_, i) => (i === 60 ? -1 : i));
  await t.throwsAsync(within(shared.map(squareOrThrow, xs, 100), RUN_MS, 'map'), { name: 'RangeError', message: 'item -1 is bad' });
  const seen: number[] = [];
  const error = await t.throwsAsync(within((async () => {
    for await (const value of shared.imap(squareOrThrow, xs, 100)) seen.push(value);
  })(), RUN_MS, 'imap'));
  t.is(error?.name, 'RangeError');
  t.deepEqual(seen, xs.slice(0, 60).map(square));
  t.false(error instanceof WorkerCrashedError);
});

test('a packed map whose first chunk comes back last still has item 0 right', async (t) => {
  const xs = Array.from({ length: 400 }, (_, i) => i);
  const got = await within(shared.map(squareSlowAtZero, xs, 50), RUN_MS, 'map');
  assertSameValues(t, got, xs.map(square));
});
