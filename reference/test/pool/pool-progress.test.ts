/**
 * Progress from inside a task (issue 18): what the conformance rules cannot see from outside — that a call
 * without onProgress leaves progress() inert, that a value that cannot cross fails in the task and not in the
 * worker, that what a task reported is a snapshot, where a throwing listener goes, and the options' errors.
 */
import test from 'ava';
import { CallbackError, Pool, type ProgressUpdate } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { flood, progressOutside, reportItem, reportObject, reportSlowly, reportUnsendable } from './fixtures/progress-tasks.js';
import { getPid } from './fixtures/cancel-tasks.js';
import { cleanUp, RUN_MS, sleep, within } from './helpers.js';

assertNoOrphans(test);

function recorder(): { updates: ProgressUpdate[]; onProgress: (update: ProgressUpdate) => void } {
  const updates: ProgressUpdate[] = [];
  return { updates, onProgress: (update) => void updates.push(update) };
}

test('a task that reports 200,000 times synchronously sends a few coalesced reports, the last one before its result', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const { updates, onProgress } = recorder();
  t.is(await within(pool.apply(flood, [200_000], undefined, { onProgress }), RUN_MS, 'the flood'), 200_000);
  const reports = updates.filter((update) => 'value' in update);
  t.true(reports.length >= 1 && reports.length < 2000, `${reports.length} reports`);
  t.deepEqual(reports.at(-1), { done: 0, total: 1, value: 199_999, index: 0 }, 'the latest value wins and is sent before the result');
  t.deepEqual(updates.at(-1), { done: 1, total: 1 });
});

test('reports of an asynchronous task arrive in order, each at most once, before the result', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const { updates, onProgress } = recorder();
  await within(pool.apply(reportSlowly, [8, 10], undefined, { onProgress }), RUN_MS, 'the task');
  const values = updates.filter((update) => 'value' in update).map((update) => update.value as number);
  t.true(values.length >= 1);
  t.deepEqual(values, [...values].sort((a, b) => a - b));
  t.is(new Set(values).size, values.length);
  t.is(values.at(-1), 7);
  t.deepEqual(updates.at(-1), { done: 1, total: 1 });
});

test('map: every item reporting once gives its index and value; done climbs to total', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  const { updates, onProgress } = recorder();
  const items = Array.from({ length: 40 }, (_, i) => i + 100);
  t.deepEqual(await within(pool.map(reportItem, items, 3, { onProgress }), RUN_MS, 'the map'), items.map((x) => x * 2));
  for (const update of updates) {
    t.is(update.total, 40);
    if ('value' in update) t.is(update.value, items[update.index!], 'the index is the item that reported');
  }
  const dones = updates.filter((update) => !('value' in update)).map((update) => update.done);
  t.deepEqual(dones, [...dones].sort((a, b) => a - b));
  t.is(dones.at(-1), 40);
});

test('imap over an async iterable: total is unknown until the input is read, then its length', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const { updates, onProgress } = recorder();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  async function* input(): AsyncGenerator<number> {
    yield 1;
    await gate;
    yield 2;
  }
  const iterator = pool.imap(reportItem, input(), 1, { onProgress });
  t.is((await within(iterator.next(), RUN_MS, 'the first result')).value, 2);
  t.true(updates.length > 0 && updates.every((update) => update.total === undefined), 'total unknown while the input is read');
  release();
  const rest: number[] = [];
  for await (const value of iterator) rest.push(value);
  t.deepEqual(rest, [4]);
  t.deepEqual(updates.at(-1), { done: 2, total: 2 });
});

test('without onProgress, progress() does nothing in the worker: not even the check of its value', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  t.is(await within(pool.apply(reportUnsendable, []), RUN_MS, 'without onProgress'), 'no error');
  t.is(progressOutside(), 'ok', 'outside a pool task too');
});

test('a value that cannot cross throws a SerializationError in the task; the worker lives on', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const pid = await within(pool.apply(getPid, []), RUN_MS, 'a pid');
  const thrown = await within(pool.apply(reportUnsendable, [], undefined, { onProgress: () => undefined }), RUN_MS, 'the report');
  t.regex(thrown, /^SerializationError: currentTask\(\)\.progress\(value\): the value cannot be sent to the parent: .*could not be cloned.*; report plain data/);
  t.is(await within(pool.apply(getPid, []), RUN_MS, 'a pid after'), pid);
});

test('what a task reported is what it was when reported, not after the task changed it', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  const { updates, onProgress } = recorder();
  await within(pool.apply(reportObject, [3], undefined, { onProgress }), RUN_MS, 'the task');
  t.deepEqual(updates.filter((update) => 'value' in update).at(-1), { done: 0, total: 1, value: { step: 3, at: [3] }, index: 0 });
});

test('a throwing onProgress goes to onCallbackError; the call still resolves', async (t) => {
  const errors: CallbackError[] = [];
  const pool = new Pool({ processes: 1, onCallbackError: (error) => void errors.push(error) });
  cleanUp(t, pool);
  const boom = new Error('the bar broke');
  const result = await within(pool.map(reportItem, [1, 2, 3], 1, { onProgress: () => { throw boom; } }), RUN_MS, 'the map');
  t.deepEqual(result, [2, 4, 6]);
  t.true(errors.length >= 3);
  t.is(errors[0]!.callback, 'onProgress');
  t.is(errors[0]!.method, 'map');
  t.is(errors[0]!.cause, boom);
});

test('nothing arrives after the call settled: an aborted call hears no more of its running task', async (t) => {
  const pool = new Pool({ processes: 1, cancelGraceMs: 5000 });
  cleanUp(t, pool);
  const controller = new AbortController();
  let settled = false;
  const late: ProgressUpdate[] = [];
  const heard = new Promise<void>((resolve) => {
    const call = pool.apply(reportSlowly, [30, 10], undefined, {
      signal: controller.signal,
      onProgress: (update) => {
        if (settled) late.push(update);
        resolve();
      },
    });
    call.catch(() => (settled = true));
  });
  await within(heard, RUN_MS, 'a first report');
  controller.abort();
  await sleep(300);
  t.true(settled);
  t.deepEqual(late, []);
});

test('bad input: onProgress that is not a function, or misspelled, is refused naming the option', async (t) => {
  const pool = new Pool(1);
  cleanUp(t, pool);
  await t.throwsAsync(pool.map(reportItem, [1], 1, { onProgress: 3 } as never), { instanceOf: TypeError, message: /^Pool\.map\(…, options\): onProgress must be a function that takes \{ done, total, value, index \}, got a number \(3\)/ });
  t.throws(() => pool.applyAsync(reportItem, [1], { onProgres: () => 1 } as never), { instanceOf: TypeError, message: /unexpected option "onProgres" \(did you mean onProgress\?\)/ });
  t.throws(() => pool.imap(reportItem, [1], 1, { onProgress: 'x' } as never), { instanceOf: TypeError, message: /^Pool\.imap\(…, options\): onProgress must be a function/ });
});
