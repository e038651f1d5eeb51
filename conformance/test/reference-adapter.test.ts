/**
 * The reference adapter wraps reference/ for the suite: these tests check the wrapping (task names, errors as
 * they are, recorded callbacks, imap outcomes, session cleanup), not the Pool's rules, which the rules cover.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import reference from '../selftest/adapters/reference/index.js';
import { type PoolHandle, type PoolOptions, type RemoteTraceback, type Session, UNSENDABLE } from '../harness/implementation.js';
import { assertNoOrphans, descendantsOf, isLoaderHelper } from '../../test-support/no-orphans.js';

const directory = mkdtempSync(join(tmpdir(), 'reference-adapter-'));
test.after.always(() => rmSync(directory, { recursive: true, force: true }));

async function withSession(body: (session: Session) => Promise<void>): Promise<void> {
  const session = await reference.open();
  try {
    await body(session);
  } finally {
    await session.close();
  }
}

function withPool(options: PoolOptions, body: (pool: PoolHandle, session: Session) => Promise<void>): Promise<void> {
  return withSession(async (session) => body(await session.createPool!(options), session));
}

// Starting a worker costs a Node start and a TypeScript load: tests that leave their pool usable share one.
// Serial tests: the last one counts this process's descendants, so no other test may start workers meanwhile.
let shared: { session: Session; pool: PoolHandle } | undefined;
test.before(async () => {
  const session = await reference.open();
  shared = { session, pool: await session.createPool!({ processes: 2 }) };
});
test.after.always(() => shared?.session.close());
// After the hook above: after-hooks run in the order they were declared.
assertNoOrphans(test);

function withSharedPool(body: (pool: PoolHandle, session: Session) => Promise<void>): Promise<void> {
  return body(shared!.pool, shared!.session);
}

/** Living descendants of this process, but for tsx's esbuild services (theirs and the workers'). */
const descendants = () => descendantsOf().filter((pid) => !isLoaderHelper(pid));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The lines of a file, once it has at least `count` of them (or `withinMs` passed). */
async function linesOf(path: string, count: number, withinMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    } catch {
      // Not written yet.
    }
    if (lines.length >= count || Date.now() >= deadline) return lines;
    await sleep(20);
  }
}

async function rejection(t: ExecutionContext, promise: Promise<unknown>): Promise<Error> {
  const error = await t.throwsAsync(promise);
  return error!;
}

test.serial('the implementation claims the Pool capabilities', (t) => {
  for (const capability of ['pool', 'pool.imap', 'pool.initializer', 'pool.maxtasks', 'pool.callbacks'] as const) {
    t.true(reference.capabilities.has(capability), capability);
  }
  t.not(reference.isPython, true);
});

test.serial('map keeps input order; starmap spreads argument lists; apply runs one call', (t) =>
  withSharedPool(async (pool) => {
    t.deepEqual(await pool.map('square', [1, 2, 3, 4, 5, 6, 7, 8]), [1, 4, 9, 16, 25, 36, 49, 64]);
    t.deepEqual(await pool.map('square', [1, 2, 3, 4, 5, 6, 7, 8], 3), [1, 4, 9, 16, 25, 36, 49, 64]);
    t.deepEqual(await pool.starmap('power', [[2, 3], [3, 2], [10, 0]]), [8, 9, 1]);
    t.is(await pool.apply('power', [2, 10]), 1024);
    t.is(await pool.apply('cpuBound', [1000]), 332_833_500);
  }));

test.serial('tasks without arguments can be mapped; workerIdentity reports a daemonic pool worker', (t) =>
  withSharedPool(async (pool, session) => {
    t.is((await pool.map('noop', [1, 2])).length, 2, 'noop returns undefined here, None (null) in CPython');
    const pids = (await pool.map('getPid', [1, 2, 3], 1)) as number[];
    const me = await session.currentProcess();
    t.is(pids.length, 3);
    for (const pid of pids) t.true(Number.isInteger(pid) && pid !== me.pid, `worker pid ${pid}`);
    const identity = (await pool.apply('workerIdentity', [0])) as { name: string; pid: number; daemon: boolean };
    t.like(identity, { daemon: true });
    t.regex(identity.name, /PoolWorker-\d+/);
    t.true(pids.includes(identity.pid));
  }));

test.serial('a task error rejects with the error as it is: ValueError and TypeError keep their names', (t) =>
  withSharedPool(async (pool) => {
    for (const promise of [pool.apply('risky', [0]), pool.map('risky', [1, 0, 2])]) {
      const error = await rejection(t, promise);
      t.is(error.name, 'ValueError');
      t.is(error.message, 'Cannot process zero!');
    }
    const typeError = await rejection(t, pool.apply('raiseTypeError', ['not a number']));
    t.is(typeError.name, 'TypeError');
    t.is(typeError.message, 'not a number');
    t.deepEqual(await pool.map('risky', [1, 2]), [100, 50], 'the pool stays usable');
  }));

test.serial("a task error carries remoteTraceback, the worker's stack naming the task; multiproc's own refusals carry none", (t) =>
  withSharedPool(async (pool) => {
    const result = await pool.applyAsync('risky', [0]);
    for (const promise of [pool.apply('risky', [0]), pool.map('risky', [1, 0]), pool.starmap('risky', [[0]]), result.get()]) {
      const error = (await rejection(t, promise)) as Error & RemoteTraceback;
      t.regex(error.remoteTraceback ?? '', /^ValueError: Cannot process zero![^]*\brisky\b/);
    }
    const refused = (await rejection(t, pool.map('square', [1], 0))) as Error & RemoteTraceback;
    t.is(refused.remoteTraceback, undefined);
  }));

test.serial('applyAsync: not ready at first, then get() gives the value; callbacks record it', (t) =>
  withSharedPool(async (pool) => {
    const result = await pool.applyAsync('slowSquare', [7, 1500]);
    t.false(await result.ready());
    t.is((await rejection(t, result.successful())).name, 'NotReadyError');
    t.is(await result.get(), 49);
    t.true(await result.ready());
    t.true(await result.successful());
    t.deepEqual(await result.callbacks(), { values: [49], errors: [] });
  }));

test.serial('get(100) on a slow task rejects with TimeoutError; wait(100) resolves without a result', (t) =>
  withSharedPool(async (pool) => {
    const result = await pool.applyAsync('slowSquare', [3, 2000]);
    const error = await rejection(t, result.get(100));
    t.is(error.name, 'TimeoutError');
    await result.wait(100);
    t.false(await result.ready());
  }));

test.serial('mapAsync and starmapAsync record what the callback and errorCallback received', (t) =>
  withSharedPool(async (pool) => {
    const good = await pool.mapAsync('square', [1, 2, 3]);
    t.deepEqual(await good.get(), [1, 4, 9]);
    t.deepEqual(await good.callbacks(), { values: [[1, 4, 9]], errors: [] });
    const bad = await pool.mapAsync('risky', [1, 0, 2]);
    await bad.wait();
    t.false(await bad.successful());
    t.like(await rejection(t, bad.get()), { name: 'ValueError', message: 'Cannot process zero!' });
    t.deepEqual(await bad.callbacks(), { values: [], errors: [{ name: 'ValueError', message: 'Cannot process zero!' }] });
    const star = await pool.starmapAsync('power', [[2, 2], [2, 3]]);
    t.deepEqual(await star.get(), [4, 8]);
    t.deepEqual(await star.callbacks(), { values: [[4, 8]], errors: [] });
  }));

test.serial('imap stops at the first error with the values yielded before it; imapUnordered yields every result', (t) =>
  withSharedPool(async (pool) => {
    t.deepEqual(await pool.imap('risky', [1, 2, 0, 4, 5]), {
      values: [100, 50],
      error: { name: 'ValueError', message: 'Cannot process zero!' },
    });
    t.deepEqual(await pool.imap('square', [1, 2, 3], 2), { values: [1, 4, 9] });
    const unordered = await pool.imapUnordered('square', [1, 2, 3, 4]);
    t.is(unordered.error, undefined);
    t.deepEqual((unordered.values as number[]).sort((a, b) => a - b), [1, 4, 9, 16]);
  }));

test.serial('misuse rejects: a closed pool refuses work; join() while running; chunksize 0', (t) =>
  withPool({ processes: 1 }, async (pool) => {
    t.is((await rejection(t, pool.join())).name, 'PoolStateError');
    // imap leaves its iterator at the first error: the adapter closes it, so join() below does not wait for it.
    t.is((await pool.imap('risky', [0, 1, 2])).error?.name, 'ValueError');
    t.is((await rejection(t, pool.map('square', [1], 0))).name, 'RangeError');
    t.is((await rejection(t, pool.imap('square', [1], 0))).name, 'RangeError');
    await pool.close();
    t.regex((await rejection(t, pool.applyAsync('square', [2]))).message, /Pool not running/);
    t.regex((await rejection(t, pool.imap('square', [2]))).message, /Pool not running/);
    await pool.join();
  }));

test.serial('the initializer runs once in each worker; tasks see what it stored', (t) => {
  const path = join(directory, 'init.txt');
  return withPool({ processes: 3, initializer: 'recordInit', initargs: [path, 'seeded'] }, async (pool) => {
    t.deepEqual(await pool.map('initValue', [1, 2, 3, 4], 1), ['seeded', 'seeded', 'seeded', 'seeded']);
    const lines = await linesOf(path, 3);
    await pool.close();
    await pool.join();
    t.deepEqual(await linesOf(path, 4, 0), lines, 'no worker ran the initializer twice');
    t.is(lines.length, 3);
    t.is(new Set(lines.map((line) => line.split(' ')[0])).size, 3, 'three different pids');
    for (const line of lines) t.regex(line, /^\d+ seeded$/);
  });
});

test.serial('maxTasksPerChild replaces a worker after that many tasks', async (t) => {
  // Reference bug (reported): a worker that spent its maxTasksPerChild budget goes idle and unrefs itself
  // before it exits, so while its replacement starts nothing holds the event loop and a lone `await pool.map`
  // lets Node exit. The harness always holds the loop (the rule's timer); this test holds it the same way.
  const hold = setInterval(() => undefined, 1000);
  try {
    await withPool({ processes: 1, maxTasksPerChild: 1 }, async (pool) => {
      const pids = (await pool.map('getPid', [1, 2, 3], 1)) as number[];
      t.is(new Set(pids).size, 3);
    });
  } finally {
    clearInterval(hold);
  }
});

test.serial('a worker that dies in a task rejects that task (beyond Python, which hangs)', (t) =>
  withPool({ processes: 1 }, async (pool) => {
    const error = await rejection(t, pool.map('killSelf', [9]));
    t.is(error.name, 'WorkerCrashedError');
    t.is((await rejection(t, pool.apply('sleepThenExit', [10, 3]))).name, 'WorkerCrashedError');
    t.is(await pool.apply('square', [5]), 25);
  }));

test.serial('kwds reach the task as its last argument; withInput builds ranges, generators, async and failing iterables', (t) =>
  withSharedPool(async (pool) => {
    t.is(await pool.apply('scaled', [2], { scale: 3, offset: 1 }), 7);
    t.is(await (await pool.applyAsync('scaled', [2], { kwds: { offset: 5 } })).get(30_000), 7);
    t.deepEqual(await pool.withInput!('map', 'square', { range: [2, 10, 3] }), [4, 25, 64]);
    t.deepEqual(await pool.withInput!('starmap', 'power', { generator: [[2, 3]] }), [8]);
    t.deepEqual(await pool.withInput!('imap', 'square', { asyncIterable: [1, 2] }), { values: [1, 4] });
    t.like(await rejection(t, pool.withInput!('map', 'square', { failingAfter: 1, items: [1, 2] })), { name: 'ValueError', message: 'input failed after 1 items' });
  }));

test.serial('imapIterator steps with next(timeoutMs): TimeoutError, then the value, then the end', (t) =>
  withSharedPool(async (pool) => {
    const iterator = await pool.imapIterator!('slowSquare', [3], 1);
    t.like(await rejection(t, iterator.next(20)), { name: 'TimeoutError' });
    t.deepEqual(await iterator.next(30_000), { done: false, value: 9 });
    t.deepEqual(await iterator.next(30_000), { done: true });
    await iterator.close();
  }));

test.serial('UNSENDABLE becomes a function; unregistered is refused; scope() enters the pool and leave() disposes of it', (t) =>
  withPool({ processes: 1 }, async (pool) => {
    t.like(await rejection(t, pool.apply('square', [UNSENDABLE])), { name: 'SerializationError' });
    t.like(await rejection(t, pool.apply('unregistered', [1])), { name: 'TaskReferenceError' });
    t.like(await rejection(t, pool.apply('returnUnsendable', [null])), { name: 'SerializationError' });
    const scope = await pool.scope!();
    t.true(scope.enteredIsPool);
    await scope.leave();
    t.regex((await rejection(t, pool.apply('square', [1]))).message, /Pool not running/);
  }));

test.serial('session.close() terminates every pool, busy or idle, and leaves no worker behind', async (t) => {
  const before = new Set(descendants());
  const session = await reference.open();
  const busy = await session.createPool!({ processes: 2 });
  const idle = await session.createPool!({ processes: 1 });
  const pending = await busy.applyAsync('sleepFor', [30_000]);
  t.is(await idle.apply('square', [4]), 16);
  const process = await session.createProcess({ target: 'sleepFor', args: [30_000] });
  await process.start();
  const workers = descendants().filter((pid) => !before.has(pid));
  t.true(workers.length >= 4, `pool workers and the process run: ${workers.join(', ')}`);
  const started = Date.now();
  await session.close();
  t.true(Date.now() - started < 5000, 'close() is prompt');
  t.is((await rejection(t, pending.get())).name, 'PoolTerminatedError');
  const alive = new Set(descendants());
  t.deepEqual(workers.filter((pid) => alive.has(pid)), []);
});
