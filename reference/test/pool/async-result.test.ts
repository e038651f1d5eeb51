import test from 'ava';
import { AsyncResult, NotReadyError, Pool, TimeoutError } from '../../src/index.js';
import { spin, square, throwTypeError } from './fixtures/pool-tasks.js';
import { cleanUp, PROMPT_MS, RUN_MS, sleep, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test('ready() is false until the result is set; successful() before that throws NotReadyError', (t) => {
  const result = new AsyncResult<number>();
  t.false(result.ready());
  t.throws(() => result.successful(), { instanceOf: NotReadyError, message: /not ready/ });
  result.resolve(5);
  t.true(result.ready());
  t.true(result.successful());
});

test('a failed result is ready and not successful; get() re-raises the error itself', async (t) => {
  const result = new AsyncResult<number>();
  const error = new RangeError('nope');
  result.reject(error);
  t.true(result.ready());
  t.false(result.successful());
  t.is(await t.throwsAsync(result.get()), error);
});

test('the first outcome wins: a later resolve or reject changes nothing', async (t) => {
  const result = new AsyncResult<number>();
  result.resolve(1);
  result.reject(new Error('too late'));
  result.resolve(2);
  t.is(await result.get(), 1);
});

// Issue 20 b: a pool keeps thousands of results in flight, each awaited by a get() made before its outcome. That
// get() is one promise of the value, settled with the outcome: wait-then-unwrap made four promises and took three
// more microtask turns, garbage the parent's GC then spent a third of its time on.
test('a get() made before the outcome settles with wait(), not microtask turns later; value and error alike', async (t) => {
  for (const outcome of ['value', 'error'] as const) {
    const result = new AsyncResult<number>();
    let got: unknown = 'pending';
    const early = result.get();
    early.then((value) => (got = value), (error: unknown) => (got = error));
    // A second caller's get() settles alike; both see the one outcome.
    const second = result.get();
    const waited = result.wait();
    const error = new RangeError('failed');
    if (outcome === 'value') result.resolve(7);
    else result.reject(error);
    // Two turns after the outcome (wait() settles one turn after the value's promise), get() has settled.
    await waited;
    await null;
    t.is(got, outcome === 'value' ? 7 : error, `get() made before the ${outcome} had not settled by then`);
    if (outcome === 'value') t.is(await second, 7);
    else t.is(await t.throwsAsync(second), error);
  }
});

test('get(timeout) rejects with TimeoutError while the work goes on, and a later get() returns the value', async (t) => {
  const result = new AsyncResult<string>();
  const started = performance.now();
  await t.throwsAsync(within(result.get(100), PROMPT_MS, 'get(100)'), { instanceOf: TimeoutError, message: /no result within 100 ms/ });
  t.true(performance.now() - started >= 90, 'get(100) waited about 100 ms');
  t.false(result.ready());
  setTimeout(() => result.resolve('later'), 50);
  t.is(await within(result.get(), PROMPT_MS, 'get()'), 'later');
  t.is(await within(result.get(0), PROMPT_MS, 'get(0) once ready'), 'later');
});

test('get(timeout) on a pool task: TimeoutError first, then the value', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const result = pool.applyAsync(spin, [400, 42]);
  await t.throwsAsync(result.get(1), { instanceOf: TimeoutError });
  t.is(await within(result.get(), RUN_MS, 'get()'), 42);
  t.true(result.successful());
});

test('wait() never rejects: not on timeout, not on failure', async (t) => {
  const pending = new AsyncResult<number>();
  await t.notThrowsAsync(within(pending.wait(50), PROMPT_MS, 'wait(50)'));
  t.false(pending.ready());
  const failed = new AsyncResult<number>();
  setTimeout(() => failed.reject(new Error('failed')), 20);
  await t.notThrowsAsync(within(failed.wait(), PROMPT_MS, 'wait()'));
  t.true(failed.ready());
  await t.notThrowsAsync(within(failed.wait(10_000), PROMPT_MS, 'wait(10000) once failed'));
  await t.notThrowsAsync(within(failed.wait(0), PROMPT_MS, 'wait(0) once failed'));
});

test('wait(timeout) resolves at the result, not at the timeout, when the result comes first', async (t) => {
  const result = new AsyncResult<number>();
  setTimeout(() => result.resolve(1), 20);
  const started = performance.now();
  await within(result.wait(20_000), PROMPT_MS, 'wait(20000)');
  t.true(performance.now() - started < PROMPT_MS);
  t.true(result.ready());
});

test('callback is called once with the value, and errorCallback not at all', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const values: number[] = [];
  const errors: unknown[] = [];
  const result = pool.applyAsync(square, [7], { callback: (v) => values.push(v), errorCallback: (e) => errors.push(e) });
  t.is(await within(result.get(), RUN_MS, 'get()'), 49);
  await sleep(50);
  t.deepEqual(values, [49]);
  t.deepEqual(errors, []);
});

test('errorCallback is called once with the error, and callback not at all', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const values: unknown[] = [];
  const errors: unknown[] = [];
  const result = pool.applyAsync(throwTypeError, ['bad'], { callback: (v) => values.push(v), errorCallback: (e) => errors.push(e) });
  const error = await t.throwsAsync(within(result.get(), RUN_MS, 'get()'), { instanceOf: TypeError, message: 'bad' });
  await sleep(50);
  t.deepEqual(values, []);
  t.is(errors.length, 1);
  t.is(errors[0], error);
});

test('mapAsync calls callback once with the whole list', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  const calls: number[][] = [];
  const result = pool.mapAsync(square, [1, 2, 3, 4, 5], 2, { callback: (v) => calls.push(v) });
  await within(result.wait(), RUN_MS, 'wait()');
  await sleep(50);
  t.deepEqual(calls, [[1, 4, 9, 16, 25]]);
});

test.serial('an AsyncResult that failed and was never observed causes no unhandledRejection', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => process.off('unhandledRejection', onUnhandled));

  const direct = new AsyncResult<number>();
  direct.reject(new Error('nobody looks at me'));
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const remote = pool.applyAsync(throwTypeError, ['nobody looks at me either']);
  const mapped = pool.mapAsync(throwTypeError, ['and me']);
  await within(Promise.all([remote.wait(), mapped.wait()]), RUN_MS, 'the failing tasks');
  // Unhandled rejections are reported after the microtask queue drains; give them several turns.
  await sleep(200);
  t.false(remote.successful());
  t.false(mapped.successful());
  t.deepEqual(unhandled, []);
});

test('the callback runs before the result is ready: inside it ready() is false, and wait() and get() return after it (Python\'s ApplyResult._set)', async (t) => {
  const seen: { value: number; readyInside: boolean }[] = [];
  const result: AsyncResult<number> = new AsyncResult<number>({ callback: (value) => seen.push({ value, readyInside: result.ready() }) });
  const waited = result.wait().then(() => [...seen]);
  const got = result.get().then(() => [...seen]);
  result.resolve(3);
  t.deepEqual(await waited, [{ value: 3, readyInside: false }], 'the callback had run when wait() returned');
  t.deepEqual(await got, [{ value: 3, readyInside: false }], 'the callback had run when get() returned');
  t.true(result.ready());
});

test('the errorCallback runs before a failed result is ready, and a throwing one still lets it become ready with the task error', async (t) => {
  const calls: unknown[] = [];
  const reported: unknown[] = [];
  const error = new RangeError('task failed');
  const result = new AsyncResult<number>(
    { errorCallback: (e) => { calls.push(e); throw new Error('callback bug'); } },
    { method: 'applyAsync', onError: (e) => reported.push(e.cause) },
  );
  const waited = result.wait().then(() => calls.length);
  result.reject(error);
  result.resolve(1); // arrives while the errorCallback is due: ignored, and no callback runs for it
  t.is(await waited, 1, 'the errorCallback had run when wait() returned');
  t.deepEqual(calls, [error]);
  t.false(result.successful());
  t.is(await t.throwsAsync(result.get()), error);
  t.is((reported[0] as Error).message, 'callback bug');
});

test('a pool result: wait() of applyAsync and get() of mapAsync return after their callbacks ran', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const values: unknown[] = [];
  const applied = pool.applyAsync(square, [6], { callback: (value) => values.push(value) });
  await within(applied.wait(), RUN_MS, 'wait()');
  t.deepEqual(values, [36]);
  const mapped = pool.mapAsync(square, [1, 2], 1, { callback: (value) => values.push(value) });
  await within(mapped.get(), RUN_MS, 'get()');
  t.deepEqual(values, [36, [1, 4]]);
});

test('a callback that terminates the pool: its own result keeps its value and no errorCallback runs for it', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const errors: unknown[] = [];
  const result = pool.applyAsync(square, [3], { callback: () => pool.terminate(), errorCallback: (error) => errors.push(error) });
  t.is(await within(result.get(), RUN_MS, 'get()'), 9);
  t.true(result.successful());
  t.deepEqual(errors, []);
});
