/**
 * Defect 4 of issue 14: Infinity and timeouts past 2³¹−1 ms used to expire after about 1 ms (Node clamps its
 * timers), and negative or NaN timeouts were read as 0. Infinity now means no limit, large values really
 * wait, and a timeout that is not a non-negative number is refused with an error naming the parameter.
 */
import test from 'ava';
import { AsyncResult, Pool, Process, Queue, TimeoutError } from '../src/index.js';
import { checkTimeout, MAX_TIMER_MS, startTimer } from '../src/timeouts.js';
import { sleepFor } from './fixtures/tasks.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { cleanUp, PROMPT_MS, RUN_MS, within } from './process/helpers.js';
import { cleanUp as cleanUpPool } from './pool/helpers.js';

assertNoOrphans(test);

/** Long enough that a timer clamped to 1 ms would have fired many times over, short enough for every run. */
const STILL_WAITING_MS = 150;

const unsettled = Symbol('still waiting');
async function stateAfter(promise: Promise<unknown>, ms: number): Promise<unknown> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise((resolve) => (timer = setTimeout(() => resolve(unsettled), ms)));
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), later]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Node prints a TimeoutOverflowWarning when a timer is asked for more than it can hold. Returns the ones seen
 * since the call, for the test to assert that there were none.
 */
function overflowWarnings(t: import('ava').ExecutionContext): () => string[] {
  const seen: string[] = [];
  const listener = (warning: Error) => {
    if (warning.name === 'TimeoutOverflowWarning') seen.push(warning.message);
  };
  process.on('warning', listener);
  t.teardown(() => void process.off('warning', listener));
  return () => seen;
}

test('defect 4: checkTimeout reads undefined, null and Infinity as no limit and refuses negative, NaN and non-numbers', (t) => {
  t.is(checkTimeout(undefined, 'x'), undefined);
  t.is(checkTimeout(null, 'x'), undefined);
  t.is(checkTimeout(Infinity, 'x'), undefined);
  t.is(checkTimeout(0, 'x'), 0);
  t.is(checkTimeout(2 ** 31, 'x'), 2 ** 31);
  t.throws(() => checkTimeout(-1, 'p.join(timeoutMs)'), { instanceOf: RangeError, message: /p\.join\(timeoutMs\) must be a non-negative number of milliseconds.*got -1/ });
  t.throws(() => checkTimeout(NaN, 'x'), { instanceOf: RangeError, message: /got NaN/ });
  t.throws(() => checkTimeout(-Infinity, 'x'), { instanceOf: RangeError, message: /got -Infinity/ });
  t.throws(() => checkTimeout('100', 'x'), { instanceOf: TypeError, message: /x must be a number of milliseconds.*got a string \('100'\)/ });
  t.throws(() => checkTimeout({ timeoutMs: 5 }, 'x'), { instanceOf: TypeError, message: /got an object/ });
});

test('defect 4: a timer past 2³¹−1 ms does not fire early, and one within range fires on time', async (t) => {
  const warnings = overflowWarnings(t);
  let fired = 0;
  const long = startTimer(MAX_TIMER_MS + 1, () => fired++);
  const huge = startTimer(1e12, () => fired++);
  const started = performance.now();
  const short = await new Promise<number>((resolve) => startTimer(30, () => resolve(performance.now() - started)));
  await new Promise((resolve) => setTimeout(resolve, STILL_WAITING_MS));
  long.clear();
  huge.clear();
  t.is(fired, 0, 'the long timers did not fire');
  t.true(short >= 29, `a 30 ms timer fired after ${short.toFixed(1)} ms`);
  t.deepEqual(warnings(), [], 'no TimeoutOverflowWarning');
});

test('defect 4: AsyncResult.get(Infinity) and get(2 ** 31) wait, then return the value', async (t) => {
  const warnings = overflowWarnings(t);
  const result = new AsyncResult<string>();
  t.is(await stateAfter(result.get(Infinity), STILL_WAITING_MS), unsettled);
  t.is(await stateAfter(result.get(2 ** 31), STILL_WAITING_MS), unsettled);
  t.is(await stateAfter(result.wait(Infinity), STILL_WAITING_MS), unsettled);
  const waiting = result.get(Infinity);
  result.resolve('there');
  t.is(await within(waiting, PROMPT_MS, 'get(Infinity) once resolved'), 'there');
  t.deepEqual(warnings(), [], 'no TimeoutOverflowWarning');
});

test('defect 4: AsyncResult.get and wait refuse a negative or NaN timeout by rejecting, without waiting', async (t) => {
  const result = new AsyncResult<number>();
  await t.throwsAsync(result.get(-1), { instanceOf: RangeError, message: /AsyncResult\.get\(timeoutMs\).*got -1/ });
  await t.throwsAsync(result.get(NaN), { instanceOf: RangeError, message: /got NaN/ });
  await t.throwsAsync(result.wait(-5), { instanceOf: RangeError, message: /AsyncResult\.wait\(timeoutMs\)/ });
  result.resolve(1);
  await t.throwsAsync(result.get(-1), { instanceOf: RangeError }, 'refused even once the value is there');
  await t.throwsAsync(new AsyncResult().get(0), { instanceOf: TimeoutError }, '0 still polls');
});

test('defect 4: queue.get({ timeoutMs: Infinity }) and a 2 ** 31 ms put wait; negative and NaN are refused', async (t) => {
  const warnings = overflowWarnings(t);
  const q = new Queue<number>({ maxsize: 1 });
  t.teardown(() => q.close());
  const getting = q.get({ timeoutMs: Infinity });
  t.is(await stateAfter(getting, STILL_WAITING_MS), unsettled);
  await q.put(7);
  t.is(await within(getting, PROMPT_MS, 'get once an item is put'), 7);
  await q.put(8);
  const putting = q.put(9, { timeoutMs: 2 ** 31 });
  t.is(await stateAfter(putting, STILL_WAITING_MS), unsettled);
  t.is(await q.get(), 8);
  await within(putting, PROMPT_MS, 'put once there is room');
  await t.throwsAsync(q.get({ timeoutMs: -1 }), { instanceOf: RangeError, message: /Queue\.get\(\{ timeoutMs \}\).*got -1/ });
  await t.throwsAsync(q.put(1, { timeoutMs: NaN }), { instanceOf: RangeError, message: /Queue\.put\(\{ timeoutMs \}\).*got NaN/ });
  t.is(await q.qsize(), 1, 'a refused put added nothing');
  t.deepEqual(warnings(), [], 'no TimeoutOverflowWarning');
});

test('defect 4: Process.join(Infinity) waits for the exit; join(-1) and join(NaN) are refused', async (t) => {
  const warnings = overflowWarnings(t);
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  p.start();
  t.is(await stateAfter(p.join(Infinity), STILL_WAITING_MS), unsettled);
  t.true(p.isAlive(), 'join(Infinity) did not return while the child runs');
  await t.throwsAsync(p.join(-1), { instanceOf: RangeError, message: /Process\.join\(timeoutMs\).*got -1/ });
  await t.throwsAsync(p.join(NaN), { instanceOf: RangeError });
  const joined = p.join(Infinity);
  p.terminate();
  await within(joined, PROMPT_MS, 'join(Infinity) after terminate()');
  t.is(p.exitCode, -15);
  t.deepEqual(warnings(), [], 'no TimeoutOverflowWarning');
});

test('defect 4: a pool task waited on with get(Infinity) returns its value', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUpPool(t, pool);
  const result = pool.applyAsync(sleepFor, [200]);
  t.is(await within(result.get(Infinity), RUN_MS, 'get(Infinity)'), undefined);
});
