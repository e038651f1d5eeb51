/**
 * QueueStore in one process: the FIFO, the bound, and the waiting lists that local and remote callers share.
 */
import { getEventListeners } from 'node:events';
import test from 'ava';
import { QueueClosedError, QueueEmpty, QueueFull } from '../../src/index.js';
import { QueueStore } from '../../src/queue/store.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { PROMPT_MS, sleep, within } from './helpers.js';

assertNoOrphans(test);

const WAIT = { block: true, timeoutMs: undefined } as const;
const NOWAIT = { block: false, timeoutMs: undefined } as const;

/** Settles to 'pending' when `promise` has not settled after a few turns of the event loop. */
async function state(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let outcome: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => (outcome = 'resolved'),
    () => (outcome = 'rejected'),
  );
  await sleep(20);
  return outcome;
}

test('items come out in the order they went in', async (t) => {
  const store = new QueueStore<number>(0);
  for (let i = 0; i < 5000; i++) await store.put(i, NOWAIT);
  const out: number[] = [];
  while (store.size > 0) out.push(await store.get(NOWAIT));
  t.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
});

test('FIFO holds across the internal compaction while puts and gets interleave', async (t) => {
  const store = new QueueStore<number>(0);
  let next = 0;
  let expected = 0;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 300; i++) await store.put(next++, NOWAIT);
    for (let i = 0; i < 250; i++) t.is(await store.get(NOWAIT), expected++);
  }
  while (store.size > 0) t.is(await store.get(NOWAIT), expected++);
  t.is(expected, next);
});

test('qsize is exact after every put and get', async (t) => {
  const store = new QueueStore<string>(3);
  t.is(store.size, 0);
  await store.put('a', NOWAIT);
  t.is(store.size, 1);
  await store.put('b', NOWAIT);
  await store.put('c', NOWAIT);
  t.is(store.size, 3);
  t.true(store.full);
  await store.get(NOWAIT);
  t.is(store.size, 2);
  t.false(store.full);
});

test('maxsize bounds the queue; 0 and negative mean unbounded', async (t) => {
  const bounded = new QueueStore<number>(2);
  await bounded.put(1, NOWAIT);
  await bounded.put(2, NOWAIT);
  t.true(bounded.full);
  await t.throwsAsync(bounded.put(3, NOWAIT), { instanceOf: QueueFull });
  t.is(bounded.size, 2, 'the refused item was not added');
  for (const maxsize of [0, -1]) {
    const unbounded = new QueueStore<number>(maxsize);
    for (let i = 0; i < 10_000; i++) await unbounded.put(i, NOWAIT);
    t.false(unbounded.full);
    t.is(unbounded.size, 10_000);
  }
});

test('put on a full queue without blocking rejects with QueueFull at once', async (t) => {
  const store = new QueueStore<number>(1);
  await store.put(1, NOWAIT);
  const error = await t.throwsAsync(store.put(2, NOWAIT), { instanceOf: QueueFull });
  t.regex(error.message, /full/);
  // block: false ignores a timeout, as Python's put(block=False, timeout=…) does.
  await t.throwsAsync(within(store.put(2, { block: false, timeoutMs: 60_000 }), PROMPT_MS, 'put(block: false)'), {
    instanceOf: QueueFull,
  });
});

test('put on a full queue with a timeout rejects with QueueFull after about the timeout', async (t) => {
  const store = new QueueStore<number>(1);
  await store.put(1, NOWAIT);
  const started = performance.now();
  const error = await t.throwsAsync(within(store.put(2, { block: true, timeoutMs: 200 }), PROMPT_MS, 'put(timeout 200)'), {
    instanceOf: QueueFull,
  });
  const waited = performance.now() - started;
  t.log(`put with timeoutMs 200 rejected after ${waited.toFixed(0)} ms`);
  t.true(waited >= 190, `rejected after ${waited.toFixed(0)} ms`);
  t.regex(error.message, /200 ms/);
  t.is(store.size, 1);
  t.is(await store.get(NOWAIT), 1, 'the item that timed out was not added');
  t.is(store.size, 0);
});

test('get on an empty queue without blocking rejects with QueueEmpty at once', async (t) => {
  const store = new QueueStore<number>(0);
  const error = await t.throwsAsync(store.get(NOWAIT), { instanceOf: QueueEmpty });
  t.regex(error.message, /empty/);
  await t.throwsAsync(within(store.get({ block: false, timeoutMs: 60_000 }), PROMPT_MS, 'get(block: false)'), {
    instanceOf: QueueEmpty,
  });
});

test('get on an empty queue with a timeout rejects with QueueEmpty after about the timeout', async (t) => {
  const store = new QueueStore<number>(0);
  const started = performance.now();
  const error = await t.throwsAsync(within(store.get({ block: true, timeoutMs: 200 }), PROMPT_MS, 'get(timeout 200)'), {
    instanceOf: QueueEmpty,
  });
  const waited = performance.now() - started;
  t.log(`get with timeoutMs 200 rejected after ${waited.toFixed(0)} ms`);
  t.true(waited >= 190, `rejected after ${waited.toFixed(0)} ms`);
  t.regex(error.message, /200 ms/);
  // A getter that timed out is out of line: the next item stays for whoever asks.
  await store.put(7, NOWAIT);
  t.is(store.size, 1);
  t.is(await store.get(NOWAIT), 7);
});

test('a timeout of 0 when blocking still answers (QueueEmpty / QueueFull) instead of waiting forever', async (t) => {
  const empty = new QueueStore<number>(0);
  await t.throwsAsync(within(empty.get({ block: true, timeoutMs: 0 }), PROMPT_MS, 'get(timeout 0)'), { instanceOf: QueueEmpty });
  const full = new QueueStore<number>(1);
  await full.put(1, NOWAIT);
  await t.throwsAsync(within(full.put(2, { block: true, timeoutMs: 0 }), PROMPT_MS, 'put(timeout 0)'), { instanceOf: QueueFull });
});

test('a blocked put is admitted when a get makes room, waiting putters in arrival order', async (t) => {
  const store = new QueueStore<string>(1);
  await store.put('first', NOWAIT);
  const a = store.put('a', WAIT);
  const b = store.put('b', { block: true, timeoutMs: 60_000 });
  const c = store.put('c', WAIT);
  t.is(await state(a), 'pending');
  t.is(store.size, 1, 'waiting items do not count until admitted');
  t.is(await store.get(NOWAIT), 'first');
  t.is(await state(a), 'resolved', 'the longest-waiting putter got the room');
  t.is(await state(b), 'pending');
  t.is(store.size, 1);
  t.is(await store.get(NOWAIT), 'a');
  t.is(await store.get(NOWAIT), 'b');
  t.is(await store.get(NOWAIT), 'c');
  await within(Promise.all([a, b, c]), PROMPT_MS, 'the three putters');
  t.is(store.size, 0);
});

test('waiting getters are served in the order they arrived', async (t) => {
  const store = new QueueStore<number>(0);
  const getters = [store.get(WAIT), store.get({ block: true, timeoutMs: 60_000 }), store.get(WAIT)];
  t.is(await state(getters[0]!), 'pending');
  await store.put(10, NOWAIT);
  await store.put(20, NOWAIT);
  await store.put(30, NOWAIT);
  t.deepEqual(await within(Promise.all(getters), PROMPT_MS, 'the three getters'), [10, 20, 30]);
  t.is(store.size, 0, 'each item went to exactly one getter');
});

test('a getter that timed out does not take the next item from those behind it', async (t) => {
  const store = new QueueStore<number>(0);
  const early = store.get({ block: true, timeoutMs: 50 });
  const late = store.get(WAIT);
  await t.throwsAsync(early, { instanceOf: QueueEmpty });
  await store.put(1, NOWAIT);
  t.is(await within(late, PROMPT_MS, 'the second getter'), 1);
});

test('close() fails waiting getters and putters with QueueClosedError, and every later call', async (t) => {
  const empty = new QueueStore<number>(0);
  const getter = empty.get(WAIT);
  const timedGetter = empty.get({ block: true, timeoutMs: 60_000 });
  const full = new QueueStore<number>(1);
  await full.put(1, NOWAIT);
  const putter = full.put(2, WAIT);
  empty.close();
  full.close();
  t.true(empty.closed);
  const error = await t.throwsAsync(within(getter, PROMPT_MS, 'the waiting get'), { instanceOf: QueueClosedError });
  t.regex(error.message, /closed/);
  await t.throwsAsync(within(timedGetter, PROMPT_MS, 'the waiting get with a timeout'), { instanceOf: QueueClosedError });
  await t.throwsAsync(within(putter, PROMPT_MS, 'the waiting put'), { instanceOf: QueueClosedError });
  await t.throwsAsync(empty.put(1, NOWAIT), { instanceOf: QueueClosedError });
  await t.throwsAsync(empty.get(WAIT), { instanceOf: QueueClosedError });
  await t.throwsAsync(full.get(NOWAIT), { instanceOf: QueueClosedError }, 'items left in a closed queue are not handed out');
  full.close(); // twice is harmless
  t.pass();
});

test('aborting a waiting get removes it without losing the item that arrives next', async (t) => {
  const store = new QueueStore<string>(0);
  const gone = new AbortController();
  const aborted = store.get({ block: true, timeoutMs: undefined, signal: gone.signal });
  const behind = store.get({ block: true, timeoutMs: 60_000 });
  gone.abort();
  await store.put('kept', NOWAIT);
  t.is(await within(behind, PROMPT_MS, 'the getter behind the aborted one'), 'kept');
  await store.put('also kept', NOWAIT);
  t.is(store.size, 1, 'the aborted getter took nothing');
  t.is(await state(aborted), 'pending', 'an aborted getter is dropped, not answered');
});

test('aborting a waiting get with a timeout also cancels its timer', async (t) => {
  const store = new QueueStore<string>(0);
  const gone = new AbortController();
  const aborted = store.get({ block: true, timeoutMs: 30, signal: gone.signal });
  gone.abort();
  await sleep(80);
  t.is(await state(aborted), 'pending', 'no QueueEmpty for a caller that left');
  await store.put('x', NOWAIT);
  t.is(store.size, 1);
});

test('aborting a waiting put removes its item from the line', async (t) => {
  const store = new QueueStore<string>(1);
  await store.put('in', NOWAIT);
  const gone = new AbortController();
  void store.put('withdrawn', { block: true, timeoutMs: undefined, signal: gone.signal });
  const behind = store.put('behind', WAIT);
  gone.abort();
  t.is(await store.get(NOWAIT), 'in');
  await within(behind, PROMPT_MS, 'the putter behind the aborted one');
  t.is(await store.get(NOWAIT), 'behind');
  t.is(store.size, 0, 'the withdrawn item never entered the queue');
});

test('restore() puts an undelivered item back in its place, or hands it to the first waiting getter', async (t) => {
  const store = new QueueStore<string>(0);
  await store.put('a', NOWAIT);
  await store.put('b', NOWAIT);
  const taken = await store.take(NOWAIT);
  t.is(taken.item, 'a');
  store.restore(taken);
  t.is(store.size, 2);
  t.is(await store.get(NOWAIT), 'a', 'the restored item comes out first again');
  t.is(await store.get(NOWAIT), 'b');
  const waiting = store.get(WAIT);
  await store.put('again', NOWAIT);
  const retaken = await within(waiting, PROMPT_MS, 'the waiting getter');
  t.is(retaken, 'again');
  await store.put('later', NOWAIT);
  const lost = await store.take(NOWAIT);
  const waitingToo = store.get(WAIT);
  store.restore(lost);
  t.is(await within(waitingToo, PROMPT_MS, 'a getter waiting when the item comes back'), 'later');
  t.is(store.size, 0);
  store.close();
  store.restore(lost);
  t.is(store.size, 0, 'a closed store takes nothing back');
});

test('items put back in any order (consumers that died together) come out in the order they went in', async (t) => {
  const store = new QueueStore<number>(0);
  for (let i = 0; i < 10; i++) await store.put(i, NOWAIT);
  const taken = [await store.take(NOWAIT), await store.take(NOWAIT), await store.take(NOWAIT), await store.take(NOWAIT)];
  // 0 and 2 were delivered; 3 and 1 could not be, and their failures were seen in that order.
  store.restore(taken[3]!);
  store.restore(taken[1]!);
  const out: number[] = [];
  while (store.size > 0) out.push(await store.get(NOWAIT));
  t.deepEqual(out, [1, 3, 4, 5, 6, 7, 8, 9]);
});

test('an item put back into a full queue keeps a waiting putter waiting until there is room again', async (t) => {
  const store = new QueueStore<string>(2);
  await store.put('a', NOWAIT);
  await store.put('b', NOWAIT);
  const lost = await store.take(NOWAIT);
  await store.put('c', NOWAIT);
  const putting = store.put('d', WAIT);
  store.restore(lost);
  t.is(store.size, 3, 'one over maxsize until the next get');
  t.is(await store.get(NOWAIT), 'a');
  t.is(await state(putting), 'pending', 'still full: the putter waits');
  t.is(await store.get(NOWAIT), 'b');
  t.is(await state(putting), 'resolved');
  t.deepEqual([await store.get(NOWAIT), await store.get(NOWAIT)], ['c', 'd']);
});

test('defect 18: 100,000 waits that end (an item came, room was made, the timeout passed) leave no abort listener on their connection’s signal', async (t) => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const WAITS = 100_000;
  const TIMEOUTS = bySoak(500, 5000);
  // One signal per remote connection: every request of a long-lived consumer waits on the same one.
  const connection = new AbortController();
  const signal = connection.signal;
  const listening = () => getEventListeners(signal, 'abort').length;
  const before = listening();
  const store = new QueueStore<number>(1);
  const started = performance.now();
  for (let i = 0; i < WAITS / 2; i++) {
    // A get that waits for an item, then a put that waits for room.
    const got = store.get({ block: true, timeoutMs: undefined, signal });
    await store.put(i, { block: true, timeoutMs: undefined, signal });
    await got;
    await store.put(i, { block: false, timeoutMs: undefined, signal });
    const putting = store.put(i + 1, { block: true, timeoutMs: 60_000, signal });
    await store.get({ block: false, timeoutMs: undefined });
    await putting;
    await store.get({ block: false, timeoutMs: undefined });
  }
  for (let i = 0; i < TIMEOUTS; i++) {
    await t.throwsAsync(store.get({ block: true, timeoutMs: 0, signal }), { instanceOf: QueueEmpty });
  }
  const elapsed = performance.now() - started;
  const after = listening();
  // Warnings are emitted on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  const leakWarnings = warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');
  report(t, {
    section: 'defect',
    defect: 18,
    tried: `${WAITS.toLocaleString('en')} waiting gets and puts and ${TIMEOUTS} timed-out gets on one connection's signal`,
    outcome: `${after - before} abort listeners left, ${leakWarnings.length} MaxListenersExceededWarning`,
    figures: { waits: WAITS + TIMEOUTS, listenersBefore: before, listenersAfter: after, ms: Math.round(elapsed) },
  });
  t.is(after, before, 'every wait removed its listener when it ended');
  t.deepEqual(leakWarnings.map((warning) => warning.message), []);
  // The signal still works for a wait in progress.
  const waiting = store.get({ block: true, timeoutMs: undefined, signal });
  t.is(listening(), before + 1);
  connection.abort();
  t.is(listening(), 0);
  t.is(await state(waiting), 'pending', 'an aborted getter is dropped, not answered');
});
