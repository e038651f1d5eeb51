/**
 * Issue 16, one timeout style: every waiting method (AsyncResult.get/wait, Process.join, the imap iterator's
 * next, Queue.get/put) takes the same shapes: a number of milliseconds, or `{ timeoutMs }` (Queue also
 * `{ block, timeoutMs }`); undefined, null and Infinity wait without limit. A wrong shape is refused with one
 * wording that names the method.
 */
import test from 'ava';
import { AsyncResult, Process, Queue, QueueEmpty, QueueFull, TimeoutError, type Timeout } from '../src/index.js';
import { IMapIterator } from '../src/pool/imap.js';
import { sleepFor } from './fixtures/tasks.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { cleanUp, RUN_MS, waitFor, within } from './process/helpers.js';

assertNoOrphans(test);

/** How long a first-hour mistake may take to be refused, or a short bounded wait to end. */
const FIRST_HOUR_MS = 1000;
/** Long enough to tell "still waiting" from "ended at once" without asserting a timing. */
const STILL_WAITING_MS = 100;

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

/** An imap iterator over a pool that never answers: next() can only time out. */
function silentImap(): IMapIterator<number> {
  return new IMapIterator<number>([1], 1, true, 4, { open: () => 1, submit: () => undefined, doneFeeding: () => undefined, drop: () => undefined });
}

test('first hour: r.get({ timeoutMs }) and r.wait({ timeoutMs }) bound the wait as r.get(ms) does', async (t) => {
  const result = new AsyncResult<number>();
  const error = await within(result.get({ timeoutMs: 20 }).catch((e: unknown) => e), FIRST_HOUR_MS, 'get({ timeoutMs: 20 })');
  t.true(error instanceof TimeoutError, String(error));
  t.regex((error as Error).message, /no result within 20 ms/);
  t.is(await within(result.wait({ timeoutMs: 20 }), FIRST_HOUR_MS, 'wait({ timeoutMs: 20 })'), undefined);
  for (const none of [{}, { timeoutMs: undefined }, { timeoutMs: null }, { timeoutMs: Infinity }, null] as Timeout[]) {
    t.is(await stateAfter(result.get(none), STILL_WAITING_MS), unsettled, `get(${JSON.stringify(none)}) waits without limit`);
  }
  const waiting = result.get({ timeoutMs: 60_000 });
  result.resolve(7);
  t.is(await within(waiting, FIRST_HOUR_MS, 'get once resolved'), 7);
});

test('first hour: it.next({ timeoutMs }) bounds the wait as it.next(ms) does', async (t) => {
  const error = await within(silentImap().next({ timeoutMs: 20 }).catch((e: unknown) => e), FIRST_HOUR_MS, 'next({ timeoutMs: 20 })');
  t.true(error instanceof TimeoutError, String(error));
  t.regex((error as Error).message, /within 20 ms/);
  t.is(await stateAfter(silentImap().next({}), STILL_WAITING_MS), unsettled, 'next({}) waits without limit');
});

test('first hour: q.get(100) and q.put(x, 100) mean { timeoutMs: 100 }, blocking', async (t) => {
  const q = new Queue<number>({ maxsize: 1 });
  t.teardown(() => q.close());
  await t.throwsAsync(within(q.get(20), FIRST_HOUR_MS, 'q.get(20)'), { instanceOf: QueueEmpty });
  await t.throwsAsync(within(q.get(0), FIRST_HOUR_MS, 'q.get(0)'), { instanceOf: QueueEmpty }, '0 polls');
  await q.put(1, 20);
  await t.throwsAsync(within(q.put(2, 20), FIRST_HOUR_MS, 'q.put(x, 20)'), { instanceOf: QueueFull });
  const putting = q.put(3, Infinity);
  t.is(await stateAfter(putting, STILL_WAITING_MS), unsettled, 'put(x, Infinity) waits for room');
  t.is(await q.get(20), 1);
  await within(putting, FIRST_HOUR_MS, 'the put once there was room');
  t.is(await q.get(null), 3);
  t.is(await stateAfter(q.get(Infinity), STILL_WAITING_MS), unsettled, 'get(Infinity) waits for an item');
  await q.put(4);
});

test('first hour: p.join({ timeoutMs }) returns after the bound with the child still running', async (t) => {
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  p.start();
  await within(p.join({ timeoutMs: 20 }), RUN_MS, 'join({ timeoutMs: 20 })');
  t.true(p.isAlive(), 'the child still runs: join({ timeoutMs }) only bounded the wait');
  t.is(await stateAfter(p.join({}), STILL_WAITING_MS), unsettled, 'join({}) waits without limit');
  p.kill();
  await within(p.join({ timeoutMs: Infinity }), RUN_MS, 'join after kill()');
  await waitFor(() => !p.isAlive(), RUN_MS, 'the child to be gone');
  t.is(p.exitCode, -9);
});

/** Each waiting method with its name in errors, and a call of it with a given timeout. */
const WAITERS: readonly [string, (timeout: unknown) => Promise<unknown>][] = [
  ['AsyncResult.get', (timeout) => new AsyncResult().get(timeout as Timeout)],
  ['AsyncResult.wait', (timeout) => new AsyncResult().wait(timeout as Timeout)],
  ['Process.join', (timeout) => new Process({ target: sleepFor, args: [1] }).join(timeout as Timeout)],
  ['imap iterator next', (timeout) => silentImap().next(timeout as Timeout)],
  ['Queue.get', (timeout) => new Queue().get(timeout as never)],
  ['Queue.put', (timeout) => new Queue().put(1, timeout as never)],
];

for (const [method, call] of WAITERS) {
  test(`first hour: ${method} refuses a bad timeout in either shape with one wording`, async (t) => {
    const name = method.replace(/[.()]/g, '\\$&');
    const refused = (timeout: unknown) => within(call(timeout).catch((e: unknown) => e), FIRST_HOUR_MS, `${method}(${String(timeout)})`);
    const negative = await refused(-1);
    t.true(negative instanceof RangeError, String(negative));
    t.regex((negative as Error).message, new RegExp(`^${name}\\(timeoutMs\\) must be a non-negative number of milliseconds .*got -1$`));
    const inObject = await refused({ timeoutMs: -1 });
    t.true(inObject instanceof RangeError, String(inObject));
    t.regex((inObject as Error).message, new RegExp(`^${name}\\(\\{ timeoutMs \\}\\) must be a non-negative number of milliseconds .*got -1$`));
    const text = await refused('100');
    t.true(text instanceof TypeError, String(text));
    t.regex((text as Error).message, new RegExp(`^${name}\\(timeoutMs\\) must be a number of milliseconds or \\{ (block, )?timeoutMs \\}.*got a string \\('100'\\)`));
    const seconds = await refused({ timeout: 0.5 });
    t.true(seconds instanceof TypeError, String(seconds));
    t.regex((seconds as Error).message, /unexpected option "timeout" \(did you mean timeoutMs\? it is in milliseconds, where Python's timeout is in seconds: \{ timeoutMs: 500 \}\)/);
  });
}
