/**
 * Task timeouts (`timeoutMs`, the pool's `taskTimeoutMs`): what the conformance rules cannot see from outside —
 * the error's details, the late result dropped, the worker stopped or kept, the clock started at the task's start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { Pool, TaskTimeoutError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { getPid } from './fixtures/cancel-tasks.js';
import { napItem } from './fixtures/timeout-tasks.js';
import { cleanUp, isGone, PROMPT_MS, RUN_MS, tempDir, waitFor, within, workerPids } from './helpers.js';

assertNoOrphans(test);

type Nap = [string, number, number, boolean];

/**
 * Has each of the pool's workers load napItem's module: a worker's first task of a function also imports it,
 * which counts against its time (tsx compiles the fixture here, which takes a while on a loaded machine).
 */
async function warmUp(pool: Pool, dir: string): Promise<void> {
  const items = Array.from({ length: pool.processes * 4 }, (_, i): Nap => [dir, -1 - i, 50, false]);
  await within(pool.map(napItem, items, 1, { timeoutMs: Infinity }), RUN_MS, 'the warm-up');
}

test('a task past timeoutMs fails with TaskTimeoutError naming it; its signal fires with that error; it returned, so its worker stays', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  const before = await within(pool.apply(getPid, []), RUN_MS, 'the first task');
  await warmUp(pool, dir);
  const error = await t.throwsAsync(within(pool.apply(napItem, [[dir, 7, 60_000, true]], undefined, { timeoutMs: 300 }), RUN_MS, 'the timeout'),
    { instanceOf: TaskTimeoutError });
  t.like(error, { task: 'napItem', phase: 'running', timeoutMs: 300, pid: before, index: 0, count: 1 });
  t.true(error!.elapsedMs >= 299 && error!.elapsedMs < 300 + RUN_MS);
  t.regex(error!.message, /task napItem \(item 0\) ran \d+ ms in worker pid \d+, past its timeoutMs of 300 ms; raise timeoutMs, or .*currentTask\(\)\.signal/);
  await waitFor(() => existsSync(join(dir, '7.seen')), PROMPT_MS, 'the task to see its signal');
  t.regex(readFileSync(join(dir, '7.seen'), 'utf8'), /^TaskTimeoutError: task napItem/);
  t.is(await within(pool.apply(getPid, []), RUN_MS, 'a task after'), before, 'the task returned within its grace');
  t.is(pool.jobsInFlight, 0);
});

test('a task that ignores its timeout has its worker stopped past graceMs and replaced; the pool keeps its size', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  const dir = tempDir(t);
  const workers = await within(workerPids(pool), RUN_MS, 'both workers');
  await warmUp(pool, dir);
  const stuck = pool.apply(napItem, [[dir, 1, 20_000, false]], undefined, { timeoutMs: 300, graceMs: 200 });
  await t.throwsAsync(within(stuck, RUN_MS, 'the timeout'), { instanceOf: TaskTimeoutError, message: /timeoutMs of 300 ms/ });
  const victim = Number(readFileSync(join(dir, '1'), 'utf8'));
  t.true(workers.includes(victim));
  await waitFor(() => isGone(victim), RUN_MS, 'the stuck worker to be stopped');
  const after = await within(workerPids(pool), RUN_MS, 'both workers again');
  t.is(after.length, 2);
  t.false(after.includes(victim));
  t.false(existsSync(join(dir, '1.done')), 'the task never finished');
});

test('the clock starts when the task starts, not when it was submitted', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  // Queued 1.5 s behind a busy task, then runs 100 ms: within 1 s of its start, far past 1 s from its call.
  const busy = pool.apply(napItem, [[dir, 1, 1500, false]]);
  const queued = pool.apply(napItem, [[dir, 2, 100, false]], undefined, { timeoutMs: 1000 });
  t.is(await within(busy, RUN_MS, 'the busy task'), 1);
  t.is(await within(queued, RUN_MS, 'the queued task'), 2);
});

test('imap raises TaskTimeoutError at the chunk that ran out of time and goes on; its late result is dropped', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  await warmUp(pool, dir);
  const items: Nap[] = [[dir, 1, 10, true], [dir, 2, 60_000, true], [dir, 3, 10, true]];
  const iterator = pool.imap(napItem, items, 1, { timeoutMs: 500 });
  t.deepEqual(await within(iterator.next(), RUN_MS, 'item 1'), { done: false, value: 1 });
  const error = await t.throwsAsync(within(iterator.next(), RUN_MS, 'item 2'), { instanceOf: TaskTimeoutError });
  t.like(error, { index: 1, count: 1 });
  t.deepEqual(await within(iterator.next(), RUN_MS, 'item 3'), { done: false, value: 3 });
  t.deepEqual(await within(iterator.next(), RUN_MS, 'the end'), { done: true, value: undefined });
  // Unordered, a late answer delivered would come out as one more item.
  const unordered = pool.imapUnordered(napItem, [[dir, 4, 60_000, true], [dir, 5, 10, true]] as Nap[], 1, { timeoutMs: 500 });
  const seen: unknown[] = [];
  for (let step = 0; step < 4; step++) {
    try {
      const next = await within(unordered.next(), RUN_MS, `step ${step}`);
      if (next.done === true) break;
      seen.push(next.value);
    } catch (error) {
      seen.push((error as Error).name);
    }
  }
  t.deepEqual(seen, ['TaskTimeoutError', 5]);
  t.true(existsSync(join(dir, '4.seen')), 'the task saw its signal and answered late');
});

test('map: a chunk of chunksize items times out as one task, and the error says how many items', async (t) => {
  const pool = new Pool({ processes: 1, taskTimeoutMs: 400 });
  cleanUp(t, pool);
  const dir = tempDir(t);
  await warmUp(pool, dir);
  const items: Nap[] = [[dir, 1, 10, true], [dir, 2, 10, true], [dir, 3, 250, true], [dir, 4, 250, true]];
  const error = await t.throwsAsync(within(pool.map(napItem, items, 2), RUN_MS, 'the map'), { instanceOf: TaskTimeoutError });
  t.like(error, { index: 2, count: 2, timeoutMs: 400 });
  t.regex(error!.message, /items 2–3 \(2 items\)/);
});

test('the pool’s taskTimeoutMs applies to every call; a call’s own timeoutMs overrides it; Infinity means no limit', async (t) => {
  const pool = new Pool({ processes: 1, taskTimeoutMs: 100 });
  cleanUp(t, pool);
  const dir = tempDir(t);
  await warmUp(pool, dir);
  await t.throwsAsync(within(pool.apply(napItem, [[dir, 0, 20_000, true]]), RUN_MS, 'the task'), { instanceOf: TaskTimeoutError, message: /timeoutMs of 100 ms/ });
  t.is(await within(pool.apply(napItem, [[dir, 1, 400, true]], undefined, { timeoutMs: Infinity }), RUN_MS, 'the task'), 1);
  t.is(await within(pool.applyAsync(napItem, [[dir, 2, 400, true]], { timeoutMs: 5000 }).get(), RUN_MS, 'the task'), 2);
});

test('timeouts are checked: a wrong value or a misspelt name is refused, naming the fix', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  await t.throwsAsync(pool.apply(getPid, [], undefined, { timeoutMs: -1 }), { instanceOf: RangeError, message: /timeoutMs must be a non-negative number of milliseconds/ });
  t.throws(() => pool.applyAsync(getPid, [], { queueTimeoutMs: '5' as never }), { instanceOf: TypeError, message: /queueTimeoutMs must be/ });
  t.throws(() => pool.imap(getPid, [1], 1, { timeoutMS: 5 } as never), { instanceOf: TypeError, message: /timeoutMs/ });
  t.throws(() => new Pool({ processes: 1, taskTimeoutMs: Number.NaN }), { instanceOf: RangeError, message: /options\.taskTimeoutMs/ });
});

test('queueTimeoutMs: tasks not started in time fail with TaskTimeoutError (phase queue) and never run, held by the scheduler or by a worker', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  await warmUp(pool, dir);
  // Quick tasks first, so that the pool sends several at a time. Then all submitted in one go: the idle worker
  // is sent the busy task and the first ones after it (its window), the rest wait in the pool's queue. Both
  // kinds must fail without running.
  await within(pool.map(getPid, Array.from({ length: 300 }, () => 0), 1), RUN_MS, 'quick tasks');
  const busy = pool.apply(napItem, [[dir, 1, 1500, false]]);
  const single = pool.apply(napItem, [[dir, 2, 10, false]], undefined, { queueTimeoutMs: 300 });
  const items: Nap[] = [3, 4, 5, 6, 7, 8].map((x) => [dir, x, 10, false]);
  const mapped = pool.map(napItem, items, 1, { queueTimeoutMs: 300 });
  const error = await t.throwsAsync(within(single, RUN_MS, 'the queued apply'), { instanceOf: TaskTimeoutError });
  t.like(error, { phase: 'queue', timeoutMs: 300, index: 0, count: 1 });
  t.regex(error!.message, /task napItem \(item 0\) never started: it waited \d+ ms.*past its queueTimeoutMs of 300 ms; raise queueTimeoutMs/);
  await t.throwsAsync(within(mapped, RUN_MS, 'the queued map'), { instanceOf: TaskTimeoutError, message: /never started/ });
  t.is(await within(busy, RUN_MS, 'the busy task'), 1, 'a started task is not touched by another call’s queueTimeoutMs');
  // The worker has answered everything sent before this one: the expired tasks were skipped, not run.
  t.is(await within(pool.apply(napItem, [[dir, 9, 10, false]]), RUN_MS, 'a task after'), 9);
  for (const x of [2, 3, 4, 5, 6, 7, 8]) t.false(existsSync(join(dir, String(x))), `item ${x} never ran`);
  t.is(pool.jobsInFlight, 0);
});

test('queueTimeoutMs does not touch a task that started in time, however long it runs', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  await warmUp(pool, dir);
  t.is(await within(pool.apply(napItem, [[dir, 1, 800, false]], undefined, { queueTimeoutMs: 300 }), RUN_MS, 'the task'), 1);
});

test('a timed-out task whose worker is then stopped fails once, not again as a crash; the tasks queued behind it run on the new worker', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  await warmUp(pool, dir);
  const items: Nap[] = [[dir, 1, 30_000, false], [dir, 2, 10, false], [dir, 3, 10, false]];
  // Unordered: a second failure of the same task would come out as one more item.
  // 2 s: items 2 and 3 run first on a fresh worker, whose import of their module counts as their running time.
  const iterator = pool.imapUnordered(napItem, items, 1, { timeoutMs: 2000, graceMs: 100 });
  const seen: unknown[] = [];
  for (let step = 0; step < 5; step++) {
    try {
      const next = await within(iterator.next(), RUN_MS, `step ${step}`);
      if (next.done === true) break;
      seen.push(next.value);
    } catch (error) {
      seen.push((error as Error).name);
    }
  }
  t.deepEqual(seen, ['TaskTimeoutError', 2, 3]);
  const victim = Number(readFileSync(join(dir, '1'), 'utf8'));
  t.true(isGone(victim), 'the worker was stopped');
  t.not(Number(readFileSync(join(dir, '2'), 'utf8')), victim, 'item 2 ran on the new worker');
});

test('a fresh worker\'s import of the task\'s module is not counted against the task\'s timeoutMs', async (t) => {
  const { quickAfterSlowImport } = await import('./fixtures/slow-import-tasks.js');
  const pool = new Pool(1);
  cleanUp(t, pool);
  // The module takes 1.5 s to import in the worker; the task itself returns at once.
  t.is(await within(pool.apply(quickAfterSlowImport, [7], undefined, { timeoutMs: 500 }), RUN_MS, 'the task'), 7);
  t.deepEqual(await within(pool.map(quickAfterSlowImport, [1, 2, 3], 1, { timeoutMs: 500 }), RUN_MS, 'map'), [1, 2, 3]);
});
