/**
 * The Queue part of both adapters: the plumbing (ops, Python's Empty/Full names, handles that stand for the real
 * queue in Process args, Pool initargs and task args, session cleanup), not Queue's rules, which the rules cover.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import cpython from '../adapters/cpython/index.js';
import reference from '../selftest/adapters/reference/index.js';
import type { QueueHandle } from '../harness/implementation.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { withSessionOf } from './python3.js';

assertNoOrphans(test);

const directory = mkdtempSync(join(tmpdir(), 'queue-adapters-'));
test.after.always(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
const fileIn = (name: string) => join(directory, `${files++}-${name}`);

/** A session of `implementation` for `body`; skips (saying so) only where python3 is missing for CPython, fails otherwise. */
const withSession = withSessionOf;

async function rejection(t: ExecutionContext, promise: Promise<unknown>): Promise<Error> {
  const error = await t.throwsAsync(promise);
  return error!;
}

async function drain(queue: QueueHandle, count: number): Promise<unknown[]> {
  const items = [];
  for (let i = 0; i < count; i++) items.push(await queue.get({ timeoutMs: 60_000 }));
  return items;
}

for (const implementation of [reference, cpython]) {
  const name = implementation.name;

  test(`${name}: claims the Queue capabilities`, (t) => {
    for (const capability of ['queue', 'queue.bounded', 'queue.cross-process'] as const) {
      t.true(implementation.capabilities.has(capability), capability);
    }
  });

  test(`${name}: put/get/qsize/full/empty on a bounded queue; Empty and Full by Python's names`, (t) =>
    withSession(t, implementation, async (session) => {
      const queue = await session.createQueue!({ maxsize: 2 });
      t.is(await queue.empty(), true);
      await queue.put({ nested: [1, 'two', null] });
      await queue.putNowait(2);
      t.is(await queue.qsize(), 2);
      t.is(await queue.full(), true);
      const full = await rejection(t, queue.putNowait(3));
      t.is(full.name, 'Full');
      t.is((await rejection(t, queue.put(3, { timeoutMs: 100 }))).name, 'Full');
      t.deepEqual(await queue.get({ timeoutMs: 10_000 }), { nested: [1, 'two', null] });
      t.is(await queue.get({ block: true, timeoutMs: 10_000 }), 2);
      const empty = await rejection(t, queue.getNowait());
      t.is(empty.name, 'Empty');
      t.is((await rejection(t, queue.get({ block: false }))).name, 'Empty');
      t.is((await rejection(t, queue.get({ timeoutMs: 100 }))).name, 'Empty');
      t.is(await queue.qsize(), 0);
    }));

  test(`${name}: after close(), put and get reject with the implementation's own "is closed" error`, (t) =>
    withSession(t, implementation, async (session) => {
      const queue = await session.createQueue!();
      await queue.close();
      const error = await rejection(t, queue.put(1));
      t.regex(error.message, /is closed/);
      t.is(error.name, name === 'cpython' ? 'ValueError' : 'QueueClosedError');
      t.regex((await rejection(t, queue.get({ timeoutMs: 100 }))).message, /is closed/);
      await queue.close();
    }));

  test(`${name}: a handle in Process args stands for the queue, in both directions and in any position`, (t) =>
    withSession(t, implementation, async (session) => {
      const queue = await session.createQueue!();
      const producer = await session.createProcess({ target: 'putItems', args: [queue, ['a', { b: [1] }]] });
      await producer.start();
      t.deepEqual(await drain(queue, 2), ['a', { b: [1] }]);
      await producer.join(60_000);

      const path = fileIn('got.json');
      const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 2, 60_000] });
      await consumer.start();
      await queue.put('x');
      await queue.put(['y']);
      await consumer.join(60_000);
      t.deepEqual(JSON.parse(readFileSync(path, 'utf8')), ['x', ['y']]);

      // The seed's argument order, (n, queue): the handle need not come first.
      const squarer = await session.createProcess({ target: 'putSquare', args: [7, queue] });
      await squarer.start();
      const [n, square, pid] = (await queue.get({ timeoutMs: 60_000 })) as number[];
      await squarer.join(60_000);
      t.deepEqual([n, square, pid], [7, 49, await squarer.pid()]);
    }));

  test(`${name}: getAndRecord writes {error: "Empty", items} when a get times out; queueSize writes qsize`, (t) =>
    withSession(t, implementation, async (session) => {
      const queue = await session.createQueue!();
      await queue.put('only');
      const sized = fileIn('size.json');
      const sizer = await session.createProcess({ target: 'queueSize', args: [queue, sized] });
      await sizer.start();
      await sizer.join(60_000);
      t.is(JSON.parse(readFileSync(sized, 'utf8')), 1);

      const path = fileIn('timeout.json');
      const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 2, 200] });
      await consumer.start();
      await consumer.join(60_000);
      t.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { error: 'Empty', items: ['only'] });
    }));

  test(`${name}: a handle in Pool initargs reaches every worker`, (t) =>
    withSession(t, implementation, async (session) => {
      const queue = await session.createQueue!();
      const pool = await session.createPool!({ processes: 2, initializer: 'rememberQueue', initargs: [queue] });
      await pool.map('putOnRemembered', ['p', 'q', 'r'], 1);
      t.deepEqual(((await drain(queue, 3)) as string[]).sort(), ['p', 'q', 'r']);
      await pool.close();
      await pool.join();
    }));

  test(`${name}: close() ends a get() that waits without a timeout and leaves no process`, (t) =>
    withSession(t, implementation, async (session) => {
      const queue = await session.createQueue!();
      const sleeper = await session.createProcess({ target: 'sleepFor', args: [30_000] });
      await sleeper.start();
      // Nobody will put: CPython's driver now waits for ever, the reference's parent until the queue closes.
      const waiting = queue.get().then(
        (value) => ({ value }),
        (error: Error) => ({ error }),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await session.close();
      const outcome = await waiting;
      t.true('error' in outcome, 'the pending get() rejects once the session is closed');
    }));
}

test('reference: a handle in Pool task arguments reaches the worker', (t) =>
  withSession(t, reference, async (session) => {
    const queue = await session.createQueue!();
    const pool = await session.createPool!({ processes: 2 });
    await pool.starmap('putSquare', [[2, queue], [3, queue]], 1);
    t.deepEqual(((await drain(queue, 2)) as number[][]).map(([n, square]) => [n, square]).sort(), [[2, 4], [3, 9]]);
    await pool.close();
    await pool.join();
  }));

test('reference: Empty and Full keep the reference\'s message, with its own error as cause', (t) =>
  withSession(t, reference, async (session) => {
    const queue = await session.createQueue!({ maxsize: 1 });
    const empty = await rejection(t, queue.getNowait());
    t.regex(empty.message, /empty/);
    t.is((empty.cause as Error).name, 'QueueEmpty');
    await queue.put(1);
    const full = await rejection(t, queue.putNowait(2));
    t.regex(full.message, /full/);
    t.is((full.cause as Error).name, 'QueueFull');
  }));

test('reference: closing the session closes its queues', (t) =>
  withSession(t, reference, async (session) => {
    const queue = await session.createQueue!();
    await queue.put(1);
    await session.close();
    t.regex((await rejection(t, queue.put(2))).message, /is closed/);
  }));

test('cpython: a Queue in Pool task arguments is refused as Python refuses it (RuntimeError)', (t) =>
  withSession(t, cpython, async (session) => {
    const queue = await session.createQueue!();
    const pool = await session.createPool!({ processes: 1 });
    const error = await rejection(t, pool.apply('putSquare', [1, queue]));
    t.is(error.name, 'RuntimeError');
    t.regex(error.message, /shared between processes through inheritance/);
    await pool.terminate();
    await pool.join();
  }));

test('cpython: Empty and Full carry str() of the exception, which is empty', (t) =>
  withSession(t, cpython, async (session) => {
    const queue = await session.createQueue!({ maxsize: 1 });
    t.is((await rejection(t, queue.getNowait())).message, '');
    await queue.put(1);
    t.is((await rejection(t, queue.putNowait(2))).message, '');
  }));
