/**
 * Callbacks that throw (issue 14, defect 10). Python's result-handler thread dies of it and the pool hangs; ours
 * catches the throw, keeps the result as it was, goes on, and reports the error: to `onCallbackError` when the
 * pool has one, else on stderr (as Python prints an exception that ends a thread).
 */
import test from 'ava';
import { CallbackError, Pool } from '../../src/index.js';
import { descendantsOf } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { add, square, throwTypeError } from './fixtures/pool-tasks.js';
import { cleanUp, PROMPT_MS, RUN_MS, runScript, sleep, waitFor, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** What this process writes to stderr while `t` runs, instead of writing it. */
function captureStderr(t: Parameters<typeof cleanUp>[0]): () => string {
  let text = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  t.teardown(() => {
    process.stderr.write = write;
  });
  return () => text;
}

test.serial('defect 10: throwing callbacks of applyAsync, mapAsync and starmapAsync leave the parent alive, the results unchanged, and are printed to stderr', async (t) => {
  const run = runScript(t, 'throwing-callbacks');
  const seen = (await within(run.report, RUN_MS, 'the script\'s report')) as { outcomes: unknown[]; later: number[]; calls: string[] };
  t.deepEqual(seen.outcomes, [{ value: 9 }, { error: 'TypeError: the task failed' }, { value: [1, 4] }, { value: [3] }]);
  t.deepEqual(seen.later, [16, 25, 36], 'a map after the throws runs');
  t.deepEqual(seen.calls, [
    'applyAsync callback 9',
    'applyAsync errorCallback the task failed',
    'mapAsync callback 1,4',
    'starmapAsync callback 3',
  ], 'each callback was called once');
  const exit = await within(run.exited, PROMPT_MS, 'the script to exit');
  t.deepEqual([exit.code, exit.signal], [0, null], run.stderr());
  const stderr = run.stderr();
  t.regex(stderr, /Exception in the callback of Pool\.applyAsync, caught: the result is unchanged and the pool goes on \(handle errors inside the callback, or pass onCallbackError to new Pool\(\)\):\nError: callback exploded\n\s+at /);
  t.regex(stderr, /Exception in the errorCallback of Pool\.applyAsync, caught: [^\n]*\nRangeError: errorCallback exploded\n/);
  t.regex(stderr, /Exception in the callback of Pool\.mapAsync, caught: [^\n]*\n"a thrown string" \(thrown, not an Error\)\n/);
  t.regex(stderr, /Exception in the callback of Pool\.starmapAsync, caught: [^\n]*\nError: starmap callback exploded\n/);
  report(t, {
    section: 'defect',
    defect: 10,
    tried: 'callback/errorCallback of applyAsync, mapAsync and starmapAsync that throw (Error, RangeError, a string), no onCallbackError',
    outcome: 'parent lived and exited 0; results unchanged; a later map ran; each throw printed to stderr with its stack',
    figures: { 'callbacks thrown': 4, 'reports on stderr': (stderr.match(/^Exception in the /gm) ?? []).length },
  });
});

test.serial('defect 10: onCallbackError receives a CallbackError per throw (which callback, which method, the thrown value as cause) and nothing is printed', async (t) => {
  const received: CallbackError[] = [];
  const pool = new Pool({ processes: 1, onCallbackError: (error) => received.push(error) });
  cleanUp(t, pool);
  const stderr = captureStderr(t);
  const thrown = new Error('callback exploded');
  const applied = pool.applyAsync(square, [5], { callback: () => {
    throw thrown;
  } });
  const failed = pool.applyAsync(throwTypeError, ['no'], { errorCallback: () => {
    throw 42; // eslint-disable-line no-throw-literal -- any value can be thrown
  } });
  t.is(await within(applied.get(), RUN_MS, 'get()'), 25, 'the result is the task\'s, whatever its callback did');
  await t.throwsAsync(within(failed.get(), RUN_MS, 'get()'), { instanceOf: TypeError, message: 'no' });
  t.true(applied.successful());
  t.false(failed.successful());
  await waitFor(() => received.length === 2, PROMPT_MS, 'two reports');
  const byKind = new Map(received.map((error) => [error.callback, error]));
  const fromCallback = byKind.get('callback')!;
  t.true(fromCallback instanceof CallbackError);
  t.is(fromCallback.method, 'applyAsync');
  t.is(fromCallback.cause, thrown);
  t.is(fromCallback.message, 'the callback passed to Pool.applyAsync threw Error: callback exploded; the pool caught it: the result is unchanged and the pool goes on');
  const fromErrorCallback = byKind.get('errorCallback')!;
  t.is(fromErrorCallback.cause, 42);
  t.regex(fromErrorCallback.message, /^the errorCallback passed to Pool\.applyAsync threw 42; /);
  t.deepEqual(await within(pool.starmap(add, [[1, 1], [2, 2]]), RUN_MS, 'starmap'), [2, 4], 'the pool goes on');
  await sleep(50);
  t.is(received.length, 2, 'one report per throw');
  t.is(stderr(), '', 'nothing printed when the pool has a handler');
});

test.serial('defect 10: an onCallbackError that throws too is printed with the error it was handling, never thrown', async (t) => {
  const pool = new Pool({ processes: 1, onCallbackError: () => {
    throw new Error('the handler exploded');
  } });
  cleanUp(t, pool);
  const stderr = captureStderr(t);
  const result = pool.mapAsync(square, [2, 3], 1, { callback: () => {
    throw new Error('callback exploded');
  } });
  t.deepEqual(await within(result.get(), RUN_MS, 'get()'), [4, 9]);
  await waitFor(() => stderr().includes('the handler exploded'), PROMPT_MS, 'the report on stderr');
  t.regex(stderr(), /Exception in the callback of Pool\.mapAsync, caught: [^\n]*\nError: callback exploded\n[\s\S]*onCallbackError threw too:\nError: the handler exploded\n/);
  t.deepEqual(await within(pool.map(square, [7]), RUN_MS, 'map'), [49]);
});

test.serial('defect 10: an async callback whose promise rejects is reported the same way, not left as an unhandled rejection', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => process.off('unhandledRejection', onUnhandled));
  const received: CallbackError[] = [];
  const pool = new Pool({ processes: 1, onCallbackError: (error) => received.push(error) });
  cleanUp(t, pool);
  const result = pool.applyAsync(throwTypeError, ['no'], { errorCallback: async () => {
    await sleep(1);
    throw new Error('async errorCallback exploded');
  } });
  await t.throwsAsync(within(result.get(), RUN_MS, 'get()'), { instanceOf: TypeError });
  await waitFor(() => received.length === 1, PROMPT_MS, 'the report');
  t.is(received[0]!.callback, 'errorCallback');
  t.is((received[0]!.cause as Error).message, 'async errorCallback exploded');
  await sleep(100);
  t.deepEqual(unhandled, []);
});

/** What careless or hostile callbacks throw: building the report of it must not throw in turn. */
function hostileThrown(): unknown[] {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const getter = Object.defineProperty(new Error('unused'), 'message', { get: () => { throw new Error('getter'); } });
  const hostileName = Object.defineProperty(new Error('named'), 'name', { value: { toString: 1 } });
  return [proxy, getter, hostileName];
}

test.serial('defect 10: callbacks that throw a revoked Proxy or an Error with hostile fields, sync or async, and an async onCallbackError that rejects: the parent lives, every throw is reported', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => process.off('unhandledRejection', onUnhandled));
  const stderr = captureStderr(t);
  let handled = 0;
  const pool = new Pool({ processes: 1, onCallbackError: async () => {
    handled++;
    await sleep(1);
    throw hostileThrown()[0];
  } });
  cleanUp(t, pool);
  const thrown = hostileThrown();
  const results = thrown.flatMap((value) => [
    pool.applyAsync(square, [2], { callback: () => {
      throw value;
    } }),
    pool.applyAsync(square, [3], { callback: async () => {
      await sleep(1);
      throw value;
    } }),
  ]);
  for (const result of results) await within(result.get(), RUN_MS, 'get()');
  await waitFor(() => handled === results.length, PROMPT_MS, 'a report per throw');
  await waitFor(() => (stderr().match(/onCallbackError threw too/g) ?? []).length === results.length, PROMPT_MS, 'each rejection of the handler printed');
  t.deepEqual(unhandled, [], 'no unhandled rejection');
  t.deepEqual(await within(pool.map(square, [4]), RUN_MS, 'map'), [16], 'the pool goes on');
});

test.serial('bad input: new Pool({ onCallbackError: "log" }) throws TypeError and starts no process', (t) => {
  const before = descendantsOf().length;
  const error = t.throws(() => new Pool({ processes: 1, onCallbackError: 'log' as never }), {
    instanceOf: TypeError,
    message: /^options\.onCallbackError must be a function that takes a CallbackError, got a string \('log'\)$/,
  });
  t.is(descendantsOf().length, before, 'no process was started');
  report(t, { section: 'bad-input', tried: 'new Pool({ onCallbackError: "log" })', outcome: `${error!.name}: ${error!.message}` });
});
