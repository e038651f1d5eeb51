import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import { Pool } from '../../src/index.js';
import { add, asyncDouble, identity, square, valueAfter } from './fixtures/pool-tasks.js';
import { PROMPT_MS, RUN_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

// One pool for the whole file: every test here is a job among others, as in real use.
const shared = new Pool({ processes: 2 });
test.after.always('terminate the shared pool', async () => {
  shared.terminate();
  await within(shared.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

test('map returns results in input order when later items finish first', async (t) => {
  const pool = new Pool({ processes: 3 });
  t.teardown(async () => {
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'join()');
  });
  const items: [number, number][] = [[0, 400], [1, 0], [2, 250], [3, 10], [4, 150], [5, 0], [6, 300], [7, 5]];
  t.deepEqual(await within(pool.map(valueAfter, items, 1), RUN_MS, 'map'), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('map of 10 items with chunksize 3 (chunks of 3, 3, 3, 1)', async (t) => {
  const pool = shared;
  const xs = [...Array(10).keys()];
  t.deepEqual(await within(pool.map(square, xs, 3), RUN_MS, 'map'), xs.map(square));
});

test('map with chunksize larger than the input, and with chunksize 1', async (t) => {
  const pool = shared;
  const xs = [...Array(25).keys()];
  t.deepEqual(await within(pool.map(square, xs, 100), RUN_MS, 'map chunksize 100'), xs.map(square));
  t.deepEqual(await within(pool.map(square, xs, 1), RUN_MS, 'map chunksize 1'), xs.map(square));
});

test('map of an empty input is [] (and mapAsync, starmap too)', async (t) => {
  const pool = shared;
  t.deepEqual(await within(pool.map(square, []), RUN_MS, 'map'), []);
  t.deepEqual(await within(pool.mapAsync(square, []).get(), RUN_MS, 'mapAsync'), []);
  t.deepEqual(await within(pool.starmap(add, []), RUN_MS, 'starmap'), []);
});

test('map with chunksize 0 rejects with a RangeError in Python\'s words', async (t) => {
  const pool = shared;
  await t.throwsAsync(pool.map(square, [1, 2, 3], 0), { instanceOf: RangeError, message: /^Chunksize must be 1\+, not 0: / });
  t.throws(() => pool.mapAsync(square, [1, 2, 3], -1), { instanceOf: RangeError, message: /^Chunksize must be 1\+, not -1: / });
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map after the refusal'), [1, 4, 9]);
});

test('starmap spreads each item over the arguments', async (t) => {
  const pool = shared;
  const pairs: [number, number][] = [[1, 2], [3, 4], [5, 6], [7, 8], [-1, 1]];
  t.deepEqual(await within(pool.starmap(add, pairs), RUN_MS, 'starmap'), [3, 7, 11, 15, 0]);
  t.deepEqual(await within(pool.starmap(add, pairs, 2), RUN_MS, 'starmap chunksize 2'), [3, 7, 11, 15, 0]);
});

test('map takes a generator', async (t) => {
  const pool = shared;
  function* numbers(): Generator<number> {
    for (let i = 0; i < 30; i++) yield i;
  }
  t.deepEqual(await within(pool.map(square, numbers()), RUN_MS, 'map'), [...numbers()].map(square));
});

test('map and starmap take async iterables', async (t) => {
  const pool = shared;
  async function* numbers(): AsyncGenerator<number> {
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield i;
    }
  }
  async function* pairs(): AsyncGenerator<[number, number]> {
    for (let i = 0; i < 10; i++) yield [i, 100];
  }
  t.deepEqual(await within(pool.map(square, numbers(), 4), RUN_MS, 'map'), [...Array(30).keys()].map(square));
  t.deepEqual(await within(pool.starmap(add, pairs()), RUN_MS, 'starmap'), [...Array(10).keys()].map((i) => i + 100));
});

test('map takes a Set and other iterables', async (t) => {
  const pool = shared;
  t.deepEqual(await within(pool.map(square, new Set([3, 1, 2])), RUN_MS, 'map of a Set'), [9, 1, 4]);
  t.deepEqual(await within(pool.map(square, new Map([[2, 'a']]).keys()), RUN_MS, 'map of an iterator'), [4]);
});

test('map of promise-returning tasks resolves to the values', async (t) => {
  const pool = shared;
  const xs = [...Array(20).keys()];
  t.deepEqual(await within(pool.map(asyncDouble, xs, 3), RUN_MS, 'map'), xs.map((x) => 2 * x));
});

test.serial('map of 100,000 items equals xs.map(f)', async (t) => {
  const pool = shared;
  const xs = Array.from({ length: 100_000 }, (_, i) => i - 50_000);
  // Warm the workers so the timing below is the map, not the start of two Node processes.
  await within(pool.map(square, [1, 2, 3, 4]), RUN_MS, 'warm-up map');
  const started = performance.now();
  const parallel = await within(pool.map(square, xs), RUN_MS, 'map of 100,000');
  const parallelMs = performance.now() - started;
  const sequentialStart = performance.now();
  const sequential: number[] = [];
  for (const x of xs) sequential.push(square(x));
  const sequentialMs = performance.now() - sequentialStart;
  // isDeepStrictEqual: ava's deepEqual takes seconds on 100,000 items.
  t.true(isDeepStrictEqual(parallel, xs.map(square)), 'pool.map(square, xs) equals xs.map(square)');
  t.true(isDeepStrictEqual(parallel, sequential));
  t.log(`100,000 × square: pool.map ${parallelMs.toFixed(1)} ms on ${pool.processes} workers; sequential loop ${sequentialMs.toFixed(2)} ms`);
  const chunkedStart = performance.now();
  t.true(isDeepStrictEqual(await within(pool.map(square, xs, 1000), RUN_MS, 'map chunksize 1000'), sequential));
  t.log(`same with chunksize 1000: ${(performance.now() - chunkedStart).toFixed(1)} ms`);
});

test('structured-clone types come back intact: BigInt, Map, Set, Date, Uint8Array, nested', async (t) => {
  const pool = shared;
  const values: unknown[] = [
    12345678901234567890n,
    new Map<unknown, unknown>([['a', 1], [2, { b: [3n] }]]),
    new Set([1, 'two', 3n]),
    new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 250)),
    new Uint8Array([0, 1, 254, 255]),
    { nested: { deep: [1, { deeper: new Map([['k', new Set(['v'])]]) }], when: new Date(0) } },
    -0,
    Number.NaN,
    null,
    undefined,
    'ünïcödé ✓',
  ];
  const back = await within(pool.map(identity, values, 2), RUN_MS, 'map identity');
  t.deepEqual(back, values);
  t.is(typeof back[0], 'bigint');
  t.true(back[1] instanceof Map);
  t.true(back[2] instanceof Set);
  t.true(back[3] instanceof Date);
  t.is((back[3] as Date).toISOString(), '2024-02-29T12:30:15.250Z');
  t.true(back[4] instanceof Uint8Array);
  t.true(Object.is(back[6], -0));
  t.true(Number.isNaN(back[7]));
  t.is(await within(pool.apply(identity, [2n ** 70n]), RUN_MS, 'apply identity'), 2n ** 70n);
});

test('several maps at once each get their own results', async (t) => {
  const pool = shared;
  const inputs = [...Array(6).keys()].map((k) => [...Array(50).keys()].map((i) => i * (k + 1)));
  const results = await within(Promise.all(inputs.map((xs) => pool.map(square, xs, 7))), RUN_MS, 'six maps');
  t.deepEqual(results, inputs.map((xs) => xs.map(square)));
});
