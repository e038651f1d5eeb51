/**
 * Queue in the process that owns it: the Python API, closing, and how a waiting get holds the process.
 */
import test from 'ava';
import { Queue, QueueClosedError, QueueEmpty, QueueFull } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { PROMPT_MS, RUN_MS, runScript, within } from './helpers.js';

assertNoOrphans(test);

test('put/get, putNowait/getNowait, qsize, empty and full on an unbounded queue', async (t) => {
  const q = new Queue<number>();
  t.teardown(() => q.close());
  t.is(q.maxsize, 0);
  t.true(await q.empty());
  t.false(await q.full());
  await q.put(1);
  await q.putNowait(2);
  await q.put(3, { block: false });
  t.is(await q.qsize(), 3);
  t.false(await q.empty());
  t.false(await q.full(), 'an unbounded queue is never full');
  t.is(await q.get(), 1);
  t.is(await q.getNowait(), 2);
  t.is(await q.get({ timeoutMs: PROMPT_MS }), 3);
  t.true(await q.empty());
  await t.throwsAsync(q.getNowait(), { instanceOf: QueueEmpty });
});

test('a bounded queue is full at maxsize: putNowait rejects with QueueFull, put with a timeout too', async (t) => {
  const q = new Queue<string>({ maxsize: 2 });
  t.teardown(() => q.close());
  t.is(q.maxsize, 2);
  await q.put('a');
  t.false(await q.full());
  await q.put('b');
  t.true(await q.full());
  t.is(await q.qsize(), 2);
  await t.throwsAsync(q.putNowait('c'), { instanceOf: QueueFull });
  const started = performance.now();
  await t.throwsAsync(within(q.put('c', { timeoutMs: 150 }), PROMPT_MS, 'put(timeout 150)'), { instanceOf: QueueFull });
  const waited = performance.now() - started;
  t.log(`put with timeoutMs 150 on a full queue rejected after ${waited.toFixed(0)} ms`);
  t.true(waited >= 140);
  t.is(await q.qsize(), 2);
  t.is(await q.get(), 'a');
  t.is(await q.get(), 'b');
});

test('get with a timeout on an empty queue rejects with QueueEmpty after about the timeout', async (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  const started = performance.now();
  await t.throwsAsync(within(q.get({ timeoutMs: 150 }), PROMPT_MS, 'get(timeout 150)'), { instanceOf: QueueEmpty });
  const waited = performance.now() - started;
  t.log(`get with timeoutMs 150 rejected after ${waited.toFixed(0)} ms`);
  t.true(waited >= 140);
});

test('a waiting get is answered by a later put, a waiting put admitted by a later get', async (t) => {
  const q = new Queue<string>({ maxsize: 1 });
  t.teardown(() => q.close());
  const getting = q.get({ timeoutMs: PROMPT_MS });
  await q.put('x');
  t.is(await getting, 'x');
  await q.put('y');
  const putting = q.put('z', { timeoutMs: PROMPT_MS });
  t.is(await q.get(), 'y');
  await within(putting, PROMPT_MS, 'the waiting put');
  t.is(await q.getNowait(), 'z');
});

test('maxsize must be an integer', (t) => {
  t.throws(() => new Queue({ maxsize: 1.5 }), { instanceOf: RangeError, message: /maxsize.*integer/ });
  t.throws(() => new Queue({ maxsize: Number.NaN }), { instanceOf: RangeError });
  const unbounded = new Queue({ maxsize: -3 });
  t.teardown(() => unbounded.close());
  t.is(unbounded.maxsize, -3, 'negative means unbounded, as in Python');
});

test('after close(), every call rejects with QueueClosedError saying the queue is closed', async (t) => {
  const q = new Queue<number>();
  await q.put(1);
  q.close();
  q.close(); // twice is harmless, as in Python
  t.regex(String(q), /closed/);
  const calls: [string, () => Promise<unknown>][] = [
    ['put', () => q.put(2)],
    ['putNowait', () => q.putNowait(2)],
    ['get', () => q.get()],
    ['getNowait', () => q.getNowait()],
    ['qsize', () => q.qsize()],
    ['empty', () => q.empty()],
    ['full', () => q.full()],
  ];
  for (const [label, call] of calls) {
    const error = await t.throwsAsync(within(call(), PROMPT_MS, label), { instanceOf: QueueClosedError }, label);
    t.is(error.name, 'QueueClosedError');
    t.regex(error.message, /is closed/, label);
    t.regex(error.message, /another Queue|new Queue/, `${label}: the message says what to do`);
  }
});

test('close() of a queue never shared with another process fails its waiting get and put (no one else can reach it)', async (t) => {
  const empty = new Queue();
  const full = new Queue({ maxsize: 1 });
  await full.put('in');
  const getting = empty.get();
  const putting = full.put('waiting');
  empty.close();
  full.close();
  await t.throwsAsync(within(getting, PROMPT_MS, 'the waiting get'), { instanceOf: QueueClosedError });
  await t.throwsAsync(within(putting, PROMPT_MS, 'the waiting put'), { instanceOf: QueueClosedError });
});

/** A second Queue object for `q`'s queue, as a process that was passed it would have. */
async function anotherHandle<T>(q: Queue<T>): Promise<Queue<T>> {
  const { unpackQueues, packQueues } = await import('../../src/queue/transfer.js');
  const { value, queues } = packQueues([q]);
  return (unpackQueues(value, queues) as [Queue<T>])[0];
}

test('close() in the creator of a shared queue closes only that object: the queue and its items stay for the others', async (t) => {
  const q = new Queue<number>();
  const other = await anotherHandle(q);
  t.teardown(() => other.close());
  await q.put(1);
  await q.put(2);
  q.close();
  await t.throwsAsync(within(q.put(3), PROMPT_MS, 'put on the closed object'), { instanceOf: QueueClosedError });
  await t.throwsAsync(within(q.get(), PROMPT_MS, 'get on the closed object'), { instanceOf: QueueClosedError });
  t.is(await within(other.get(), PROMPT_MS, 'get on the other object'), 1, 'items put before close() are kept');
  await other.put(3);
  t.deepEqual([await other.get(), await other.get()], [2, 3]);
  t.is(await other.qsize(), 0);
});

test('close() in the creator of a shared queue: its own waiting get fails, its waiting put still arrives', async (t) => {
  const q = new Queue<string>({ maxsize: 1 });
  const other = await anotherHandle(q);
  t.teardown(() => other.close());
  const empty = new Queue<string>();
  const otherEmpty = await anotherHandle(empty);
  t.teardown(() => otherEmpty.close());
  await q.put('first');
  const putting = q.put('put before close, waiting for room');
  const getting = empty.get();
  q.close();
  empty.close();
  const error = await t.throwsAsync(within(getting, PROMPT_MS, 'the waiting get'), { instanceOf: QueueClosedError });
  t.is(error.name, 'QueueClosedError');
  await otherEmpty.put('not taken by the closed object');
  t.is(await within(otherEmpty.get(), PROMPT_MS, 'the item back'), 'not taken by the closed object');
  t.is(await within(other.get(), PROMPT_MS, 'the first item'), 'first');
  await within(putting, PROMPT_MS, 'the waiting put, once there is room');
  t.is(await within(other.get(), PROMPT_MS, 'the waiting put’s item'), 'put before close, waiting for room');
});

test('a Queue object closed in this process cannot be passed to another process', async (t) => {
  const q = new Queue();
  const other = await anotherHandle(q);
  other.close();
  q.close();
  for (const [label, closed] of [['the creator’s', q], ['another', other]] as const) {
    const error = t.throws(() => closed.toDescriptor(), { instanceOf: QueueClosedError }, label)!;
    t.regex(error.message, /closed in this process/, label);
  }
});

test('joinThread() resolves once the puts made through this object are in the queue', async (t) => {
  const q = new Queue<number>({ maxsize: 1 });
  t.teardown(() => q.close());
  await q.put(0);
  let settled = false;
  void q.put(1).then(() => (settled = true));
  const joined = q.joinThread();
  t.false(settled);
  t.is(await q.get(), 0);
  await within(joined, PROMPT_MS, 'joinThread()');
  t.true(settled);
  t.is(await q.getNowait(), 1);
  await within(q.joinThread(), PROMPT_MS, 'joinThread() with nothing pending');
});

test('sharing and closing queues again and again adds one exit hook, not one per socket', (t) => {
  const before = process.listenerCount('exit');
  for (let i = 0; i < 25; i++) {
    const q = new Queue();
    q.toDescriptor(); // starts the socket server, as passing the queue to a child does
    q.close(); // the last hosted queue: the server stops and its directory goes
  }
  t.true(process.listenerCount('exit') <= before + 1, `${process.listenerCount('exit') - before} exit listeners were added`);
});

test('Queue.isQueue and toString', (t) => {
  const q = new Queue({ maxsize: 4 });
  t.teardown(() => q.close());
  t.true(Queue.isQueue(q));
  t.false(Queue.isQueue({ maxsize: 4 }));
  t.false(Queue.isQueue(null));
  t.is(String(q), '<Queue maxsize=4>');
});

test('a blocking local get keeps the owner alive until an item arrives', async (t) => {
  const run = runScript(t, 'local-get-waits');
  const exit = await within(run.exited, RUN_MS, 'the script');
  t.is(exit.code, 0, run.stderr());
  const [result] = run.lines() as [{ item: string; waitedMs: number }];
  t.is(result.item, 'late item');
  t.log(`the get waited ${result.waitedMs} ms for an item put after 300 ms`);
  t.true(result.waitedMs >= 290);
});

test('a local get with a timeout ends with QueueEmpty and lets the owner exit', async (t) => {
  const run = runScript(t, 'local-get-timeout');
  const exit = await within(run.exited, RUN_MS, 'the script');
  t.is(exit.code, 0, run.stderr());
  const [result] = run.lines() as [{ name: string; waitedMs: number; doneAt: number }];
  t.is(result.name, 'QueueEmpty');
  t.true(result.waitedMs >= 290);
  const lingered = exit.at - result.doneAt;
  t.log(`get(timeoutMs 300) gave up after ${result.waitedMs} ms; the script exited ${lingered} ms later`);
  // Nothing may hold the process after the timeout (a leaked keep-alive would hold it for days).
  t.true(lingered < PROMPT_MS, `the script lingered ${lingered} ms`);
});
