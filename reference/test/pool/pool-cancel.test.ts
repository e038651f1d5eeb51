/**
 * Cancellation through `{ signal }`: what the conformance rules cannot see from outside — that no worker is
 * left running a cancelled task, that the pool stays at its size, and that every child is reaped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { AbortError, currentTask, Pool } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { getPid, ignoreAbort, recordItem, waitForAbort } from './fixtures/cancel-tasks.js';
import { cleanUp, isGone, PROMPT_MS, RUN_MS, sleep, tempDir, waitFor, within, workerPids } from './helpers.js';

assertNoOrphans(test);

const started = (path: string) => existsSync(path);

test('a running task sees its call abort through currentTask().signal; the call rejects at once with AbortError; the worker stays', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const before = await within(pool.apply(getPid, []), RUN_MS, 'the first task');
  const path = join(tempDir(t), 'task');
  const controller = new AbortController();
  const result = pool.applyAsync(waitForAbort, [path, 60_000], { signal: controller.signal });
  await waitFor(() => started(path), RUN_MS, 'the task to start');
  const reason = new Error('the user left');
  controller.abort(reason);
  const error = await t.throwsAsync(within(result.get(), PROMPT_MS, 'the rejection'), { instanceOf: AbortError });
  t.is(error?.cause, reason);
  t.regex(error!.message, /Pool\.applyAsync\(\) was aborted: the user left/);
  await waitFor(() => started(`${path}.seen`), PROMPT_MS, 'the task to see the abort');
  t.is(readFileSync(`${path}.seen`, 'utf8'), 'aborted: AbortError');
  // It returned within its grace: its worker was not replaced.
  t.is(await within(pool.apply(getPid, []), RUN_MS, 'a task after'), before);
  t.is(pool.jobsInFlight, 0);
});

test('a task sees its own call\'s signal, not that of the task its worker ran before it (currentTask() keeps one context per task)', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  // The first task asks for its context and ends without an abort: its worker must not hand that context on.
  t.is(await within(pool.apply(waitForAbort, [join(dir, 'first'), 50]), RUN_MS, 'the first task'), 'timeout');
  const controller = new AbortController();
  const second = pool.applyAsync(waitForAbort, [join(dir, 'second'), 60_000], { signal: controller.signal });
  await waitFor(() => started(join(dir, 'second')), RUN_MS, 'the second task to start');
  controller.abort();
  await t.throwsAsync(within(second.get(), PROMPT_MS, 'the rejection'), { instanceOf: AbortError });
  await waitFor(() => started(join(dir, 'second.seen')), PROMPT_MS, 'the second task to see its abort');
  t.is(readFileSync(join(dir, 'second.seen'), 'utf8'), 'aborted: AbortError');
});

test('a task that ignores the abort has its worker stopped past graceMs and replaced; the other worker’s task is untouched', async (t) => {
  const pool = new Pool({ processes: 2, cancelGraceMs: 200 });
  cleanUp(t, pool);
  const dir = tempDir(t);
  const workers = await within(workerPids(pool), RUN_MS, 'both workers');
  const controller = new AbortController();
  const cancelled = pool.apply(ignoreAbort, [join(dir, 'cancelled'), 20_000], undefined, { signal: controller.signal });
  cancelled.catch(() => undefined);
  await waitFor(() => started(join(dir, 'cancelled')), RUN_MS, 'the cancelled task to start');
  const other = pool.applyAsync(ignoreAbort, [join(dir, 'other'), 1500]);
  await waitFor(() => started(join(dir, 'other')), RUN_MS, 'the other task to start');
  const victim = Number(readFileSync(join(dir, 'cancelled'), 'utf8'));
  controller.abort();
  await t.throwsAsync(within(cancelled, PROMPT_MS, 'the rejection'), { name: 'AbortError' });
  await waitFor(() => isGone(victim), RUN_MS, 'the stubborn worker to be stopped');
  t.is(await within(other.get(), RUN_MS, 'the other task'), Number(readFileSync(join(dir, 'other'), 'utf8')));
  const after = await within(workerPids(pool), RUN_MS, 'both workers again');
  t.is(after.length, 2, 'the pool keeps its size');
  t.false(after.includes(victim));
  t.true(after.some((pid) => workers.includes(pid)), 'the other worker was not replaced');
  t.false(existsSync(join(dir, 'cancelled.done')), 'the cancelled task never finished');
});

test('work not started is dropped without reaching a worker, and the pool forgets the job', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  const busy = pool.applyAsync(ignoreAbort, [join(dir, 'busy'), 800]);
  await waitFor(() => started(join(dir, 'busy')), RUN_MS, 'the busy task to start');
  const controller = new AbortController();
  const queued = pool.applyAsync(ignoreAbort, [join(dir, 'queued'), 10]);
  const dropped = pool.mapAsync(recordItem, [1, 2, 3].map((x) => [dir, x, 10] as [string, number, number]), 1, { signal: controller.signal });
  controller.abort('changed my mind');
  const error = await t.throwsAsync(dropped.get(), { instanceOf: AbortError });
  t.is(error?.cause, 'changed my mind');
  await within(busy.get(), RUN_MS, 'the busy task');
  await within(queued.get(), RUN_MS, 'the task queued before');
  t.deepEqual(readdirSync(dir).filter((name) => /^\d+$/.test(name)), [], 'no item of the aborted map ran');
  t.is(pool.jobsInFlight, 0);
});

test('map aborted halfway sends no further chunks and never resolves afterwards', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  const controller = new AbortController();
  const items = Array.from({ length: 20 }, (_, x) => [dir, x, 150] as [string, number, number]);
  const map = pool.map(recordItem, items, 1, { signal: controller.signal });
  const outcome = map.then(() => 'resolved', (error: unknown) => (error as Error).name);
  await waitFor(() => readdirSync(dir).length >= 3, RUN_MS, 'three items to start');
  controller.abort();
  t.is(await within(outcome, PROMPT_MS, 'the rejection'), 'AbortError');
  const ran = readdirSync(dir).length;
  await sleep(1000);
  t.true(readdirSync(dir).length <= ran + 1, `at most the item in flight starts after the abort (${ran} → ${readdirSync(dir).length})`);
  t.true(readdirSync(dir).length < 20);
  // A promise settles once anyway; what could still deliver is the job, and it has left the table.
  t.is(pool.jobsInFlight, 0, 'the aborted map is no longer routed results');
  t.deepEqual(await within(pool.map(getPid, [1, 2]), RUN_MS, 'a map after').then((pids) => pids.length), 2);
});

test('imap aborted: the next step rejects with AbortError, then the iterator is done', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  const dir = tempDir(t);
  const controller = new AbortController();
  const iterator = pool.imap(recordItem, (function* () {
    for (let x = 0; ; x++) yield [dir, x, 50] as [string, number, number];
  })(), 1, { signal: controller.signal });
  t.is((await within(iterator.next(), RUN_MS, 'a first result')).value, 0);
  controller.abort();
  await t.throwsAsync(iterator.next(), { name: 'AbortError' });
  t.true((await iterator.next()).done);
});

test('an already aborted signal rejects every method at the call, and nothing runs', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const dir = tempDir(t);
  const signal = AbortSignal.abort('before');
  const path = join(dir, 'never');
  const args = [path, 10] as [string, number];
  const item = [[dir, 1, 10]] as [string, number, number][];
  const calls: [string, () => Promise<unknown>][] = [
    ['apply', () => pool.apply(ignoreAbort, args, undefined, { signal })],
    ['applyAsync', () => pool.applyAsync(ignoreAbort, args, { signal }).get()],
    ['map', () => pool.map(recordItem, item, undefined, { signal })],
    ['starmap', () => pool.starmap(ignoreAbort, [args], undefined, { signal })],
    ['mapAsync', () => pool.mapAsync(recordItem, [], undefined, { signal }).get()],
    ['starmapAsync', () => pool.starmapAsync(ignoreAbort, [args], undefined, { signal }).get()],
    ['imap', () => pool.imap(recordItem, item, 1, { signal }).next()],
    ['imapUnordered', () => pool.imapUnordered(recordItem, item, 1, { signal }).next()],
  ];
  for (const [method, call] of calls) {
    const error = await t.throwsAsync(within(call(), PROMPT_MS, method), { instanceOf: AbortError }, method);
    t.is(error?.cause, 'before', method);
  }
  await within(pool.apply(getPid, []), RUN_MS, 'a task after');
  t.false(existsSync(path));
  t.false(existsSync(join(dir, '1')));
  t.is(pool.jobsInFlight, 0);
});

test('bad input: a signal that is not an AbortSignal, a negative graceMs, callbacks where map takes options', (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  t.throws(() => pool.applyAsync(getPid, [], { signal: 'stop' as never }), { instanceOf: TypeError, message: /signal must be an AbortSignal/ });
  t.throws(() => pool.applyAsync(getPid, [], { graceMs: -1 }), { instanceOf: RangeError, message: /graceMs must be a non-negative number/ });
  t.throws(() => new Pool({ cancelGraceMs: 'soon' as never }), { instanceOf: TypeError, message: /options.cancelGraceMs must be/ });
  t.throws(() => pool.imap(getPid, [1], 1, (() => undefined) as never), { instanceOf: TypeError, message: /takes no callbacks/ });
  t.throws(() => pool.imap(getPid, [1], 1, { callback: () => undefined } as never), { instanceOf: TypeError, message: /takes no callbacks/ });
  t.throws(() => pool.imap(getPid, [1], 1, { signl: new AbortController().signal } as never), { message: /did you mean signal\?/ });
});

test('currentTask() outside a pool task gives a signal that never fires', (t) => {
  t.false(currentTask().signal.aborted);
});
