/**
 * Queue between processes: Process children and Pool workers on every side of it, items in order and none
 * lost, Python's join-before-get deadlock that does not happen here, and owners or consumers that die.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import { Pool, Process, Queue, QueueEmpty, SerializationError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import {
  blockInGet,
  computeSquare,
  getToFile,
  putAll,
  putBigThenMark,
  putManyWithoutAwait,
  putOnRemembered,
  putOrGet,
  putRange,
  putTagged,
  putThenExit,
  putThenSize,
  putUnsendable,
  putWhenTold,
  putWithProgress,
  relay,
  rememberQueue,
  tryTimeouts,
  waitInGetThenReport,
} from './fixtures/queue-tasks.js';
import {
  cleanUp,
  isGone,
  limited,
  PROMPT_MS,
  readJson,
  readSerialized,
  RUN_MS,
  runScript,
  tempDir,
  waitFor,
  within,
} from './helpers.js';

assertNoOrphans(test);

// The tests below each start children; three at a time keeps start-up within bounds on a loaded machine.
const slot = limited(3);

/** Starts every process, and kills whatever is still running when the test ends. */
function startAll(t: Parameters<typeof cleanUp>[0], ...processes: Process[]): void {
  cleanUp(t, ...processes);
  for (const p of processes) p.start();
}

async function joinAll(...processes: Process[]): Promise<void> {
  await within(Promise.all(processes.map((p) => p.join())), RUN_MS, 'joining the children');
}

function withPool(t: Parameters<typeof cleanUp>[0], pool: Pool): Pool {
  t.teardown(async () => {
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'join() of the pool');
  });
  return pool;
}

/** Values of every structured-clone type the queue must keep. */
function typedItems(): unknown[] {
  return [
    12345678901234567890n,
    new Map<unknown, unknown>([['a', 1], [2, { b: [3n] }]]),
    new Set([1, 'two', 3n]),
    new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 250)),
    new Uint8Array([0, 1, 254, 255]),
    new Float64Array([0.5, -0]),
    { nested: { deep: [1, { deeper: new Map([['k', new Set(['v'])]]) }] }, empty: [] },
    /ab+c/giu,
    'ünïcödé ✓',
    Number.NaN,
    null,
    undefined,
  ];
}

function sameTypes(t: Parameters<typeof cleanUp>[0], got: unknown[], expected: unknown[]): void {
  t.is(got.length, expected.length);
  got.forEach((value, i) => {
    t.is(Object.prototype.toString.call(value), Object.prototype.toString.call(expected[i]), `item ${i} keeps its type`);
  });
  t.true(isDeepStrictEqual(got, expected), 'the items are deeply equal');
}

// ——— the seed and the directions a queue can be used in ———

test('the seed: four children put [n, n*n, pid]; after join() the parent drains all four', slot(async (t) => {
  const q = new Queue<[number, number, number]>();
  t.teardown(() => q.close());
  const children = [1, 2, 3, 4].map((n) => new Process({ target: computeSquare, args: [q, n] }));
  startAll(t, ...children);
  await joinAll(...children);
  const results: [number, number, number][] = [];
  while (!(await q.empty())) results.push(await q.get());
  results.sort((a, b) => a[0] - b[0]);
  t.deepEqual(results.map(([n, square]) => [n, square]), [[1, 1], [2, 4], [3, 9], [4, 16]]);
  t.deepEqual(results.map(([, , pid]) => pid), children.map((c) => c.pid), 'each result carries its child’s pid');
  for (const child of children) t.is(child.exitCode, 0);
}));

test('parent → child: a child gets the items the parent put, and sends them back on a second queue', slot(async (t) => {
  const input = new Queue<unknown>();
  const output = new Queue<[unknown, number]>();
  t.teardown(() => (input.close(), output.close()));
  const items = ['a', 1, { b: 2 }, [3]];
  for (const item of items) await input.put(item);
  const child = new Process({ target: relay, args: [input, output, items.length, RUN_MS] });
  startAll(t, child);
  const back: [unknown, number][] = [];
  for (let i = 0; i < items.length; i++) back.push(await within(output.get(), RUN_MS, `item ${i} back from the child`));
  await joinAll(child);
  t.deepEqual(back.map(([item]) => item), items, 'in the order the parent put them');
  t.true(back.every(([, pid]) => pid === child.pid));
  t.true(await input.empty());
}));

test('parent → child: items put while the child already waits reach it, and it writes them to a file', slot(async (t) => {
  const q = new Queue<number>();
  t.teardown(() => q.close());
  const file = join(tempDir(t), 'got');
  const child = new Process({ target: getToFile, args: [q, 5, RUN_MS, file] });
  startAll(t, child);
  for (let i = 0; i < 5; i++) await q.put(i * 10);
  await joinAll(child);
  t.is(child.exitCode, 0);
  t.deepEqual(readSerialized(file), [0, 10, 20, 30, 40]);
}));

test('child → child: a producer and a consumer Process share one queue', slot(async (t) => {
  const q = new Queue<number>();
  t.teardown(() => q.close());
  const file = join(tempDir(t), 'consumed');
  const items = Array.from({ length: 200 }, (_, i) => i);
  const consumer = new Process({ target: getToFile, args: [q, items.length, RUN_MS, file] });
  const producer = new Process({ target: putAll, args: [q, items] });
  startAll(t, consumer, producer);
  await joinAll(consumer, producer);
  t.is(consumer.exitCode, 0);
  t.is(producer.exitCode, 0);
  t.deepEqual(readSerialized(file), items, 'every item, in order, once');
  t.is(await q.qsize(), 0);
}));

test('Pool worker → parent through task arguments', slot(async (t) => {
  const q = new Queue<[unknown, number]>();
  t.teardown(() => q.close());
  const pool = withPool(t, new Pool({ processes: 2 }));
  const pids = await within(pool.starmap(putTagged, [0, 1, 2, 3, 4, 5].map((i) => [q, `task ${i}`] as [Queue<[unknown, number]>, string])), RUN_MS, 'starmap');
  const got: [unknown, number][] = [];
  for (let i = 0; i < 6; i++) got.push(await within(q.get(), PROMPT_MS, `item ${i}`));
  t.deepEqual(got.map(([tag]) => tag).sort(), ['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']);
  const byTag = new Map(got.map(([tag, pid]) => [tag, pid]));
  pids.forEach((pid, i) => t.is(byTag.get(`task ${i}`), pid, `task ${i} put from the worker that ran it`));
  t.true(await q.empty());
}));

test('Pool worker → parent through initargs', slot(async (t) => {
  const q = new Queue<[unknown, number]>();
  t.teardown(() => q.close());
  const pool = withPool(t, new Pool({ processes: 2, initializer: rememberQueue, initargs: [q] }));
  const pids = await within(pool.map(putOnRemembered, [1, 2, 3, 4, 5, 6], 1), RUN_MS, 'map');
  const got: [unknown, number][] = [];
  for (let i = 0; i < 6; i++) got.push(await within(q.get(), PROMPT_MS, `item ${i}`));
  t.deepEqual(got.map(([value]) => value).sort(), [1, 2, 3, 4, 5, 6]);
  const byValue = new Map(got.map(([value, pid]) => [value, pid]));
  pids.forEach((pid, i) => t.is(byValue.get(i + 1), pid));
}));

test('worker → worker: one task puts, a task in another worker gets', slot(async (t) => {
  const q = new Queue<[unknown, number]>();
  t.teardown(() => q.close());
  const pool = withPool(t, new Pool({ processes: 2 }));
  // Two chunks of one item on a fresh pool of two: one per worker, so the getter cannot block the putter.
  const [getter, putter] = await within(
    pool.starmap(putOrGet, [[q, 'get', null], [q, 'put', 'hello from a worker']], 1),
    RUN_MS,
    'the two tasks',
  );
  t.deepEqual(putter, ['put', putter![1]]);
  const [[item, putterPid], getterPid] = getter as [[unknown, number], number];
  t.is(item, 'hello from a worker');
  t.is(putterPid, putter![1]);
  t.log(`put in worker ${putterPid}, got in worker ${getterPid}`);
  t.not(getterPid, putterPid, 'the item crossed between two workers');
}));

test('items keep their structured-clone types, child → parent and parent → child', slot(async (t) => {
  const up = new Queue();
  const down = new Queue();
  t.teardown(() => (up.close(), down.close()));
  const items = typedItems();
  const file = join(tempDir(t), 'typed');
  for (const item of items) await down.put(item);
  const producer = new Process({ target: putAll, args: [up, items] });
  const consumer = new Process({ target: getToFile, args: [down, items.length, RUN_MS, file] });
  startAll(t, producer, consumer);
  const got: unknown[] = [];
  for (let i = 0; i < items.length; i++) got.push(await within(up.get(), RUN_MS, `typed item ${i}`));
  await joinAll(producer, consumer);
  sameTypes(t, got, items);
  sameTypes(t, readSerialized<unknown[]>(file), items);
}));

test('an item that cannot be cloned is refused at put() with a SerializationError, in the owner and in a child', slot(async (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  // @ts-expect-error a function cannot cross (refused by the types; here, the run-time check from plain JavaScript)
  const local = await t.throwsAsync(q.put(() => 1), { instanceOf: SerializationError });
  t.regex(local.message, /structured clone/);
  t.is(await q.qsize(), 0, 'nothing was queued');
  const file = join(tempDir(t), 'error');
  const child = new Process({ target: putUnsendable, args: [q, file] });
  startAll(t, child);
  await joinAll(child);
  t.is(child.exitCode, 0, 'the child was not left hanging by the failed put');
  t.like(readJson<{ name: string; message: string }>(file), { name: 'SerializationError' });
  t.is(await q.qsize(), 0);
}));

test('the local owner gets a copy, as every other process does', slot(async (t) => {
  const q = new Queue<{ n: number }>();
  t.teardown(() => q.close());
  const item = { n: 1 };
  await q.put(item);
  item.n = 2;
  const got = await q.get();
  t.deepEqual(got, { n: 1 }, 'a change made after put() does not reach the queue');
  t.not(got, item);
}));

// ——— order and loss ———

test.serial('4 producers × 10,000 items: the parent receives all 40,000, each producer’s in order', async (t) => {
  const PRODUCERS = 4;
  const EACH = 10_000;
  const q = new Queue<[number, number]>();
  t.teardown(() => q.close());
  const producers = Array.from({ length: PRODUCERS }, (_, id) => new Process({ target: putRange, args: [q, id, EACH] }));
  const started = performance.now();
  startAll(t, ...producers);
  const next = new Array<number>(PRODUCERS).fill(0);
  let outOfOrder = 0;
  let first = 0;
  for (let received = 0; received < PRODUCERS * EACH; received++) {
    const [producer, i] = await q.get({ timeoutMs: RUN_MS });
    if (received === 0) first = performance.now();
    if (i !== next[producer]) outOfOrder++;
    next[producer] = i + 1;
  }
  const drained = performance.now() - started;
  const flowing = performance.now() - first;
  await joinAll(...producers);
  t.log(`40,000 items from 4 producers drained ${drained.toFixed(0)} ms after start(), ` +
    `${flowing.toFixed(0)} ms from the first item to the last`);
  t.is(outOfOrder, 0, 'each producer’s items arrive in the order it put them');
  t.deepEqual(next, new Array(PRODUCERS).fill(EACH), 'every item of every producer arrived');
  t.is(await q.qsize(), 0, 'nothing extra: no duplicates');
  await t.throwsAsync(q.getNowait(), { instanceOf: QueueEmpty });
});

test.serial('Python’s deadlock: a child puts 10 MB, the parent joins before getting; join returns and the item is there', async (t) => {
  const BYTES = 10 * 1024 * 1024;
  const q = new Queue<Uint8Array>();
  t.teardown(() => q.close());
  const mark = join(tempDir(t), 'put-done');
  const child = new Process({ target: putBigThenMark, args: [q, BYTES, mark] });
  const started = Date.now();
  startAll(t, child);
  await within(child.join(), RUN_MS, 'join() before any get()');
  const joined = Date.now();
  const putDone = Number(readFileSync(mark, 'utf8'));
  const fromPut = joined - putDone;
  const exited = Number(readFileSync(`${mark}.exit`, 'utf8'));
  t.log(`join() returned ${fromPut} ms after the child's put resolved (the child reached 'exit' ${exited - putDone} ms ` +
    `after the put); ${joined - started} ms after start()`);
  t.is(child.exitCode, 0);
  // Python deadlocks here for ever. The issue asks for < 1 s (79–860 ms measured); a loaded CI machine was seen
  // at 1.4 s, so the test bounds it at 5 s, which still separates "returns" from "deadlocks", and logs the figure.
  t.true(fromPut < 5000, `join() took ${fromPut} ms after the put`);
  t.is(await q.qsize(), 1, 'the item is in the queue when join() returns');
  const item = await q.getNowait();
  t.is(item.length, BYTES);
  let wrong = 0;
  for (let i = 0; i < BYTES; i++) if (item[i] !== i % 251) wrong++;
  t.is(wrong, 0, 'every byte arrived');
});

test('an item put just before process.exit(0) is not lost', slot(async (t) => {
  const q = new Queue<unknown>();
  t.teardown(() => q.close());
  const children = [0, 1, 2].map((i) => new Process({ target: putThenExit, args: [q, { last: i, pad: 'x'.repeat(100_000) }] }));
  startAll(t, ...children);
  await joinAll(...children);
  t.is(await q.qsize(), 3, 'all three items are there as soon as the children are joined');
  const got = [await q.getNowait(), await q.getNowait(), await q.getNowait()] as { last: number }[];
  t.deepEqual(got.map((item) => item.last).sort(), [0, 1, 2]);
}));

test('puts started without awaiting them all reach the queue before the child exits', slot(async (t) => {
  const q = new Queue<Uint8Array>();
  t.teardown(() => q.close());
  const child = new Process({ target: putManyWithoutAwait, args: [q, 20, 256 * 1024] });
  startAll(t, child);
  await joinAll(child);
  t.is(child.exitCode, 0);
  t.is(await q.qsize(), 20, 'a child exits only once every put it started has been written');
  for (let i = 0; i < 20; i++) {
    const item = await q.getNowait();
    t.is(item[0], i);
    t.is(item.length, 256 * 1024);
  }
}));

test('qsize() from a child right after its own puts is exact', slot(async (t) => {
  const q = new Queue<number>({ maxsize: 0 });
  const bounded = new Queue<number>({ maxsize: 7 });
  t.teardown(() => (q.close(), bounded.close()));
  const dir = tempDir(t);
  const children = [
    new Process({ target: putThenSize, args: [q, 500, join(dir, 'unbounded')] }),
    new Process({ target: putThenSize, args: [bounded, 7, join(dir, 'bounded')] }),
  ];
  startAll(t, ...children);
  await joinAll(...children);
  t.deepEqual(readJson(join(dir, 'unbounded')), { qsize: 500, empty: false, full: false });
  t.deepEqual(readJson(join(dir, 'bounded')), { qsize: 7, empty: false, full: true });
}));

// ——— bounds and timeouts across processes ———

test('bounded queue across processes: a child’s put waits while the queue is full and goes on when the parent gets', slot(async (t) => {
  const q = new Queue<number>({ maxsize: 2 });
  const progress = new Queue<number>();
  t.teardown(() => (q.close(), progress.close()));
  const child = new Process({ target: putWithProgress, args: [q, progress, 5] });
  startAll(t, child);
  t.is(await progress.get({ timeoutMs: RUN_MS }), 0);
  t.is(await progress.get({ timeoutMs: PROMPT_MS }), 1);
  await t.throwsAsync(progress.get({ timeoutMs: 500 }), { instanceOf: QueueEmpty }, 'the third put waits for room');
  t.is(await q.qsize(), 2);
  t.true(await q.full());
  const got = [await q.get()];
  t.is(await progress.get({ timeoutMs: PROMPT_MS }), 2, 'a get made room and the third put went on');
  for (let i = 1; i < 5; i++) got.push(await q.get({ timeoutMs: PROMPT_MS }));
  await joinAll(child);
  t.deepEqual(got, [0, 1, 2, 3, 4]);
  t.true(await q.qsize() <= 2);
}));

test('timeouts across processes: QueueEmpty and QueueFull, after about the timeout or at once', slot(async (t) => {
  const empty = new Queue();
  const full = new Queue({ maxsize: 1 });
  t.teardown(() => (empty.close(), full.close()));
  await full.put('occupant');
  const file = join(tempDir(t), 'outcomes');
  const child = new Process({ target: tryTimeouts, args: [empty, full, 300, file] });
  startAll(t, child);
  await joinAll(child);
  const outcomes = readJson<Record<string, [string, number]>>(file)!;
  t.log(outcomes);
  t.is(outcomes['get with timeout']![0], 'QueueEmpty');
  t.true(outcomes['get with timeout']![1] >= 290);
  t.is(outcomes['getNowait']![0], 'QueueEmpty');
  t.is(outcomes['put with timeout']![0], 'QueueFull');
  t.true(outcomes['put with timeout']![1] >= 290);
  t.is(outcomes['putNowait']![0], 'QueueFull');
  t.is(await full.qsize(), 1, 'the refused puts added nothing');
  t.is(await full.get(), 'occupant');
}));

// ——— close() in the process that created the queue ———
// Python: close() means no more data will be put on the queue by this process. The queue itself goes on for
// the others: nothing put before close() is lost, and other processes go on putting and getting.

test('close() in the creator: items it put before close() still reach a child that connects after it', slot(async (t) => {
  const q = new Queue<number>();
  const file = join(tempDir(t), 'got');
  for (const item of [1, 2, 3]) await q.put(item);
  const consumer = new Process({ target: getToFile, args: [q, 3, RUN_MS, file] });
  startAll(t, consumer);
  // The child has its descriptor; it connects only after this.
  q.close();
  await joinAll(consumer);
  t.is(consumer.exitCode, 0);
  t.deepEqual(readSerialized(file), [1, 2, 3], 'every item, in order');
}));

test('close() in the creator: a child waiting in get() goes on waiting, and gets what another child puts after it', slot(async (t) => {
  const q = new Queue<string>();
  const ready = new Queue<number>();
  const go = new Queue<number>();
  t.teardown(() => (ready.close(), go.close()));
  const file = join(tempDir(t), 'outcome');
  const consumer = new Process({ target: waitInGetThenReport, args: [q, ready, file] });
  const producer = new Process({ target: putWhenTold, args: [q, go, 'put after close'] });
  startAll(t, consumer, producer);
  t.is(await within(ready.get(), RUN_MS, 'the consumer waiting in get()'), consumer.pid!);
  q.close();
  await go.put(1);
  await joinAll(consumer, producer);
  t.deepEqual(readJson(file), { item: 'put after close' });
  t.is(producer.exitCode, 0);
}));

test('close() in the creator does not hold it open: with a child still waiting in get(), it ends, and its socket directory goes', slot(async (t) => {
  const tmp = tempDir(t);
  const run = runScript(t, 'close-while-a-child-waits', join(tmp, 'outcome'), tmp);
  const exit = await within(run.exited, RUN_MS, 'the script');
  t.is(exit.code, 0, run.stderr());
  const [{ dir, child, closingAt }] = run.lines() as [{ dir: string; child: number; closingAt: number }];
  t.log(`the creator ended ${exit.at - closingAt} ms after close()`);
  t.true(exit.at - closingAt < PROMPT_MS, 'it ended once its own work was done');
  t.false(existsSync(dir), 'the socket directory is gone');
  await within(waitFor(() => isGone(child), PROMPT_MS, 'the daemonic child to go'), PROMPT_MS + 1000, 'the child');
}));

// ——— owners and consumers that die ———

test('a child waiting in get() on a queue whose owner was SIGKILLed fails fast with QueueClosedError', slot(async (t) => {
  const tmp = tempDir(t);
  const file = join(tmp, 'report');
  const run = runScript(t, 'owner-killed', file, tmp);
  await within(
    waitFor(() => run.lines().length > 0 && readJson<{ pid: number }>(file) !== undefined, RUN_MS, 'the child to start waiting'),
    RUN_MS + 1000,
    'the child to start',
  );
  const [{ dir, child }] = run.lines() as [{ dir: string; child: number }];
  t.true(dir.startsWith(tmp), 'the socket directory (left behind by SIGKILL) goes with the test’s directory');
  t.teardown(() => {
    if (!isGone(child)) process.kill(child, 'SIGKILL');
  });
  // Give the child's get() time to reach the owner; the test holds either way, this only makes it meaningful.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const killedAt = Date.now();
  run.child.kill('SIGKILL');
  await within(waitFor(() => readJson<{ name?: string }>(file)?.name !== undefined, PROMPT_MS, 'the child to report'), PROMPT_MS + 1000, 'the report');
  const report = readJson<{ name: string; message: string }>(file)!;
  t.log(`the child's get() failed ${Date.now() - killedAt} ms after the owner was killed: ${report.message}`);
  t.is(report.name, 'QueueClosedError');
  t.regex(report.message, /gone/);
  await within(waitFor(() => isGone(child), PROMPT_MS, 'the child to exit'), PROMPT_MS + 1000, 'the child’s exit');
}));

test('a consumer SIGKILLed while waiting in get() takes no item put after its death', slot(async (t) => {
  const q = new Queue<number>();
  const ready = new Queue<number>();
  t.teardown(() => (q.close(), ready.close()));
  const consumer = new Process({ target: blockInGet, args: [q, ready] });
  startAll(t, consumer);
  t.is(await ready.get({ timeoutMs: RUN_MS }), consumer.pid!, 'the consumer is waiting in get()');
  consumer.kill();
  await within(consumer.join(), PROMPT_MS, 'join() after kill()');
  t.is(consumer.exitCode, -9);
  for (let i = 0; i < 100; i++) await q.put(i);
  t.is(await q.qsize(), 100, 'the dead consumer’s get() took nothing');
  const got: number[] = [];
  for (let i = 0; i < 100; i++) got.push(await q.getNowait());
  t.deepEqual(got, Array.from({ length: 100 }, (_, i) => i));
}));

test('consumers SIGKILLed while items flow: every item is either in the queue or was handed to a consumer', slot(async (t) => {
  const q = new Queue<number>();
  const ready = new Queue<number>();
  t.teardown(() => (q.close(), ready.close()));
  const consumers = [0, 1, 2].map(() => new Process({ target: blockInGet, args: [q, ready] }));
  startAll(t, ...consumers);
  for (let i = 0; i < consumers.length; i++) await ready.get({ timeoutMs: RUN_MS });
  // Kill and put at the same moment: each consumer either got one item before it died or none at all.
  for (const consumer of consumers) consumer.kill();
  for (let i = 0; i < 50; i++) await q.put(i);
  await joinAll(...consumers);
  const left: number[] = [];
  while ((await q.qsize()) > 0) left.push(await q.getNowait());
  const lost = 50 - left.length;
  t.log(`${lost} of 50 items went to the ${consumers.length} consumers killed as they were put`);
  t.true(lost >= 0 && lost <= consumers.length, 'at most one item per consumer that was waiting');
  t.deepEqual(left, [...left].sort((a, b) => a - b), 'what is left is in order');
  t.is(new Set(left).size, left.length, 'no duplicates');
}));

// ——— the socket directory ———

test('the socket directory has mode 0700, stays while the owner closes the queues it shared, and goes when the owner exits', slot(async (t) => {
  const tmp = tempDir(t);
  const run = runScript(t, 'socket-dir', '', tmp);
  const exit = await within(run.exited, RUN_MS, 'the script');
  t.is(exit.code, 0, run.stderr());
  const [result] = run.lines() as [{ dir: string; sameDir: boolean; mode: number; socketThere: boolean;
    afterFirstClose: boolean; afterLastClose: boolean; next: string; nextMode: number }];
  t.true(result.dir.startsWith(tmp));
  t.is(result.mode, 0o700, 'only this user may enter the directory');
  t.true(result.sameDir, 'one socket per owner process');
  t.true(result.socketThere);
  t.true(result.afterFirstClose, 'other processes may still use a queue its owner closed');
  t.true(result.afterLastClose, 'and the last one too: the queues live until the owner exits');
  t.is(result.next, result.dir, 'a queue shared after that uses the same socket');
  t.is(result.nextMode, 0o700);
  t.false(existsSync(result.next), 'removed when the owner exited');
}));

test('the socket directory is removed when an owner that shared a queue with children calls process.exit()', slot(async (t) => {
  const tmp = tempDir(t);
  const run = runScript(t, 'owner-exits', '', tmp);
  const exit = await within(run.exited, RUN_MS, 'the script');
  t.is(exit.code, 0, run.stderr());
  const [result] = run.lines() as [{ dir: string; results: [number, number, number][]; existsBeforeExit: boolean }];
  t.true(result.dir.startsWith(tmp));
  t.deepEqual(result.results.map(([n, square]) => [n, square]).sort((a, b) => a[0]! - b[0]!), [[1, 1], [2, 4], [3, 9], [4, 16]]);
  t.true(result.existsBeforeExit);
  t.false(existsSync(result.dir));
}));

test('the socket directory of this process is private', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  const { path } = q.toDescriptor();
  const dir = join(path, '..');
  t.is(statSync(dir).mode & 0o777, 0o700);
  t.true(statSync(path).isSocket());
});
