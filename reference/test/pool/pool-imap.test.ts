import test, { type ExecutionContext } from 'ava';
import { Pool, TimeoutError } from '../../src/index.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncDouble, square, squareOrThrow, valueAfter, valueWhenGateOpens } from './fixtures/pool-tasks.js';
import { PROMPT_MS, RUN_MS, tempDir, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

// One pool for the tests that leave it running; those that close it make their own.
const PROCESSES = 2;
const shared = new Pool({ processes: PROCESSES });
test.after.always('terminate the shared pool', async () => {
  shared.terminate();
  await within(shared.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

function ownPool(t: ExecutionContext, processes = PROCESSES): Pool {
  const pool = new Pool({ processes });
  t.teardown(async () => {
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'join() in teardown').catch(() => undefined);
  });
  return pool;
}

/** Everything an async iterator yields, bounded in time. */
async function collect<T>(iterator: AsyncIterable<T>, what = 'the imap'): Promise<T[]> {
  const all = async () => {
    const values: T[] = [];
    for await (const value of iterator) values.push(value);
    return values;
  };
  return within(all(), RUN_MS, what);
}

/** Steps through `iterator` with next(), recording each value and each error, until it is done. */
async function stepThrough<T>(iterator: AsyncIterator<T>): Promise<({ value: T } | { error: unknown })[]> {
  const steps: ({ value: T } | { error: unknown })[] = [];
  const all = async () => {
    for (;;) {
      try {
        const step = await iterator.next();
        if (step.done) return steps;
        steps.push({ value: step.value });
      } catch (error) {
        steps.push({ error });
      }
    }
  };
  return within(all(), RUN_MS, 'stepping through the imap');
}

test('imap yields results in input order when later items finish first', async (t) => {
  const items: [number, number][] = [[0, 300], [1, 0], [2, 150], [3, 0], [4, 50], [5, 0], [6, 200], [7, 0]];
  t.deepEqual(await collect(shared.imap(valueAfter, items)), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('imap of 500 items equals xs.map(f)', async (t) => {
  const xs = [...Array(500).keys()];
  t.deepEqual(await collect(shared.imap(square, xs)), xs.map(square));
});

test('imapUnordered yields each result once: a permutation of the ordered results', async (t) => {
  const xs = [...Array(300).keys()];
  const results = await collect(shared.imapUnordered(square, xs));
  t.is(results.length, xs.length);
  t.deepEqual([...results].sort((a, b) => a - b), xs.map(square));
});

test('imapUnordered yields a quick result before a slow one submitted earlier', async (t) => {
  const pool = ownPool(t);
  const items: [number, number][] = [[1, 1500], [2, 0]];
  t.deepEqual(await collect(pool.imapUnordered(valueAfter, items)), [2, 1]);
});

test('imap and imapUnordered with chunksize > 1', async (t) => {
  const xs = [...Array(103).keys()];
  t.deepEqual(await collect(shared.imap(square, xs, 10)), xs.map(square));
  const unordered = await collect(shared.imapUnordered(square, xs, 7));
  t.deepEqual([...unordered].sort((a, b) => a - b), xs.map(square));
});

test('imap of an empty input ends at once', async (t) => {
  t.deepEqual(await collect(shared.imap(square, [])), []);
  t.deepEqual(await collect(shared.imapUnordered(square, [], 5)), []);
});

test('imap takes an async generator', async (t) => {
  async function* numbers(): AsyncGenerator<number> {
    for (let i = 0; i < 40; i++) {
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      yield i;
    }
  }
  t.deepEqual(await collect(shared.imap(asyncDouble, numbers(), 3)), [...Array(40).keys()].map((x) => 2 * x));
});

for (const chunksize of [1, 5]) {
  test(`imap over an endless generator with break after 1,000 results reads a bounded number ahead (chunksize ${chunksize})`, async (t) => {
    let produced = 0;
    let finished = false;
    function* naturals(): Generator<number> {
      try {
        for (;;) yield produced++;
      } finally {
        finished = true;
      }
    }
    const taken: number[] = [];
    let producedAtBreak = -1;
    await within(
      (async () => {
        for await (const value of shared.imap(square, naturals(), chunksize)) {
          taken.push(value);
          if (taken.length === 1000) {
            producedAtBreak = produced;
            break;
          }
        }
      })(),
      RUN_MS,
      'the imap loop',
    );
    t.deepEqual(taken, [...Array(1000).keys()].map(square));
    const bound = 1000 + PROCESSES * 4 * chunksize;
    t.true(producedAtBreak <= bound, `the generator produced ${producedAtBreak} items for 1,000 results (bound ${bound})`);
    t.true(finished, 'breaking out of the loop called the generator\'s return()');
    const after = produced;
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.is(produced, after, 'nothing more is read after the break');
  });
}

test('leaving a for-await loop early calls the input\'s return() and stops reading', async (t) => {
  let returned = false;
  let read = 0;
  function* items(): Generator<number> {
    try {
      for (let i = 0; i < 10_000; i++) {
        read++;
        yield i;
      }
    } finally {
      returned = true;
    }
  }
  const seen: number[] = [];
  for await (const value of shared.imap(square, items())) {
    seen.push(value);
    if (seen.length === 3) break;
  }
  t.deepEqual(seen, [0, 1, 4]);
  t.true(returned);
  t.true(read < 100, `read ${read} items for 3 results`);
});

test('an async generator input is closed too when the loop is left early', async (t) => {
  let returned = false;
  async function* items(): AsyncGenerator<number> {
    try {
      for (let i = 0; ; i++) yield i;
    } finally {
      returned = true;
    }
  }
  for await (const value of shared.imapUnordered(square, items())) {
    if (value >= 0) break;
  }
  t.true(returned);
});

test('an error in a task surfaces at its position, after every earlier result', async (t) => {
  const xs = [...Array(200).keys()].map((x) => (x === 37 ? -1 : x));
  const seen: number[] = [];
  await t.throwsAsync(
    within(
      (async () => {
        for await (const value of shared.imap(squareOrThrow, xs)) seen.push(value);
      })(),
      RUN_MS,
      'the imap loop',
    ),
    { instanceOf: RangeError, message: 'item -1 is bad' },
  );
  t.deepEqual(seen, xs.slice(0, 37).map(square));
});

test('an error inside a chunk of several items: the items before it in the chunk are yielded first', async (t) => {
  const xs = [...Array(50).keys()].map((x) => (x === 23 ? -1 : x));
  const steps = await stepThrough(shared.imap(squareOrThrow, xs, 10));
  const errorAt = steps.findIndex((step) => 'error' in step);
  t.is(errorAt, 23);
  t.deepEqual(steps.slice(0, 23), xs.slice(0, 23).map((x) => ({ value: x * x })));
  t.true((steps[23] as { error: unknown }).error instanceof RangeError);
  // Like Python's IMapIterator, the next call goes on after the failed chunk.
  t.deepEqual(steps.slice(24), xs.slice(30).map((x) => ({ value: x * x })));
});

test('stepping on after an error with next() yields every other result, as Python\'s imap does', async (t) => {
  const xs = [...Array(100).keys()].map((x) => (x % 25 === 10 ? -1 : x));
  const steps = await stepThrough(shared.imap(squareOrThrow, xs));
  t.is(steps.length, 100);
  steps.forEach((step, i) => {
    if (xs[i]! < 0) t.true('error' in step && step.error instanceof RangeError, `position ${i}`);
    else t.deepEqual(step, { value: xs[i]! * xs[i]! }, `position ${i}`);
  });
});

test('an input iterator that throws: its error surfaces after the results of the items it gave', async (t) => {
  const failure = new Error('the input broke');
  function* brittle(): Generator<number> {
    for (let i = 0; i < 30; i++) yield i;
    throw failure;
  }
  const seen: number[] = [];
  const error = await t.throwsAsync(
    within(
      (async () => {
        for await (const value of shared.imap(square, brittle(), 4)) seen.push(value);
      })(),
      RUN_MS,
      'the imap loop',
    ),
  );
  t.is(error, failure);
  t.deepEqual(seen, [...Array(30).keys()].map(square));
});

test('an async input that rejects: its error surfaces after the earlier results (imapUnordered)', async (t) => {
  async function* brittle(): AsyncGenerator<number> {
    for (let i = 0; i < 12; i++) yield i;
    throw new TypeError('the stream broke');
  }
  const seen: number[] = [];
  await t.throwsAsync(
    within(
      (async () => {
        for await (const value of shared.imapUnordered(square, brittle())) seen.push(value);
      })(),
      RUN_MS,
      'the imap loop',
    ),
    { instanceOf: TypeError, message: 'the stream broke' },
  );
  t.deepEqual([...seen].sort((a, b) => a - b), [...Array(12).keys()].map(square));
});

test.serial('an imap started before close() finishes after close(), then join() resolves', async (t) => {
  const pool = ownPool(t);
  const xs = [...Array(300).keys()];
  const iterator = pool.imap(square, xs);
  const first = await within(iterator.next(), RUN_MS, 'the first result');
  pool.close();
  const rest = await collect(iterator);
  t.deepEqual([first.value, ...rest], xs.map(square));
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join()'));
});

test.serial('close() and join() before reading an imap, as in Python: join() resolves and every result is there', async (t) => {
  const pool = ownPool(t);
  const xs = [...Array(300).keys()];
  const iterator = pool.imap(square, xs);
  pool.close();
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join() with the results unread'));
  t.deepEqual(await collect(iterator), xs.map(square));
});

test.serial('a for-await loop ended by a task error, then close() and join(): join() resolves', async (t) => {
  const pool = ownPool(t);
  const xs = [...Array(300).keys()].map((x) => (x === 20 ? -1 : x));
  await t.throwsAsync(
    within(
      (async () => {
        for await (const value of pool.imap(squareOrThrow, xs)) void value;
      })(),
      RUN_MS,
      'the imap loop',
    ),
    { instanceOf: RangeError },
  );
  pool.close();
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join() after the loop ended by an error'));
});

test.serial('an imap abandoned without return(), then close(): join() resolves', async (t) => {
  const pool = ownPool(t);
  const iterator = pool.imap(square, [...Array(500).keys()]);
  t.is((await within(iterator.next(), RUN_MS, 'next()')).value, 0);
  pool.close();
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join() with an imap left half-read'));
});

test.serial('an imap over an endless input started before close(): the consumer can still break, then join() resolves', async (t) => {
  const pool = ownPool(t);
  let produced = 0;
  let returned = false;
  function* naturals(): Generator<number> {
    try {
      for (;;) yield produced++;
    } finally {
      returned = true;
    }
  }
  const taken: number[] = [];
  await within(
    (async () => {
      for await (const value of pool.imap(square, naturals())) {
        taken.push(value);
        if (taken.length === 10) pool.close();
        if (taken.length === 200) break;
      }
    })(),
    RUN_MS,
    'the imap loop across close()',
  );
  t.deepEqual(taken, [...Array(200).keys()].map(square));
  t.true(returned);
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join() after the break'));
  t.log(`the endless input gave ${produced} items before the break (the pool was closed after 10 results)`);
});

test('next(timeoutMs) rejects with TimeoutError when no result came in time, and the result still comes later', async (t) => {
  // The first result waits for a gate the test opens only after the timeout: under load a 400 ms task could
  // finish before a 50 ms timer fired, so a stopwatch could not tell the two apart (seen on a loaded machine).
  const gate = join(tempDir(t), 'gate');
  const iterator = shared.imap(valueWhenGateOpens, [[7, gate], [8, gate]] as [number, string][]);
  await t.throwsAsync(within(iterator.next(50), RUN_MS, 'next(50) while no result can be in'), { instanceOf: TimeoutError, message: /no result of the imap within 50 ms/ });
  writeFileSync(gate, '');
  t.deepEqual(await within(iterator.next(RUN_MS), RUN_MS, 'next after the timeout'), { value: 7, done: false });
  t.deepEqual(await within(iterator.next(RUN_MS), RUN_MS, 'next'), { value: 8, done: false });
  t.deepEqual(await within(iterator.next(RUN_MS), RUN_MS, 'next at the end'), { value: undefined, done: true });
});

test('next(0) times out at once while no result is in, and reports the end without waiting', async (t) => {
  const iterator = shared.imap(square, [3]);
  await t.throwsAsync(iterator.next(0), { instanceOf: TimeoutError });
  t.deepEqual(await within(iterator.next(), RUN_MS, 'next'), { value: 9, done: false });
  // The end is known once the last result is in: next(0) reports it without waiting.
  t.deepEqual(await iterator.next(0), { value: undefined, done: true });
});

test('bad input: next(timeoutMs) with a negative timeout rejects with RangeError naming the parameter', async (t) => {
  const iterator = shared.imapUnordered(square, [3]);
  await t.throwsAsync(iterator.next(-1), { instanceOf: RangeError, message: /next\(timeoutMs\) must be a non-negative number/ });
  t.deepEqual(await within(iterator.next(), RUN_MS, 'next after the refusal'), { value: 9, done: false });
});

test('next() called again before the last call settled: each call gets the next result, none is left waiting', async (t) => {
  const iterator = shared.imap(valueAfter, [[1, 200], [2, 0], [3, 100]] as [number, number][]);
  const steps = await within(Promise.all([iterator.next(), iterator.next(5000), iterator.next(), iterator.next()]), RUN_MS, 'four next() at once');
  t.deepEqual(steps, [{ value: 1, done: false }, { value: 2, done: false }, { value: 3, done: false }, { value: undefined, done: true }]);
});

test('a next() waiting when return() ends the iterator settles as done instead of hanging', async (t) => {
  // The item takes longer than the bound, so only return() can settle the waiting next().
  const iterator = ownPool(t, 1).imap(valueAfter, [[1, 4 * PROMPT_MS]]);
  const waiting = iterator.next();
  await iterator.return();
  t.deepEqual(await within(waiting, PROMPT_MS, 'the next() that was waiting when return() came'), { value: undefined, done: true });
});
