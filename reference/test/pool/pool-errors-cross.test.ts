/**
 * What a task throws reaches the caller, whatever it is (issue 14, defect 5), and as its own class when the
 * parent can find it (defect 12).
 */
import test from 'ava';
import * as errors from '../../src/errors.js';
import { Pool, ThrownValueError, WorkerCrashedError } from '../../src/index.js';
import {
  HOSTILE_KINDS,
  HttpError,
  NotFoundError,
  square,
  throwHostile,
  throwHttpError,
  throwLibraryError,
  throwNotFound,
  throwUndefinedAtThree,
} from '../fixtures/channel-tasks.js';
import { report } from '../../../test-support/reliability.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { PROMPT_MS, RUN_MS, within } from './helpers.js';

const pool = new Pool({ processes: 2 });
test.after.always('terminate the shared pool', async () => {
  pool.terminate();
  await within(pool.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

interface RaisedIn {
  readonly where: string;
  readonly process: string;
  readonly pid: number;
  readonly job: number;
  readonly index: number;
}

function raisedIn(error: unknown): RaisedIn {
  return (error as { raisedIn: RaisedIn }).raisedIn;
}

test('defect 5: every hostile thrown value reaches the caller as a defined error saying which worker and item', async (t) => {
  const outcomes: string[] = [];
  for (const kind of HOSTILE_KINDS) {
    const error = await t.throwsAsync(within(pool.apply(throwHostile, [kind]), RUN_MS, `apply(throwHostile, ['${kind}'])`));
    t.true(error instanceof Error, `${kind}: got ${String(error)}`);
    t.false(error instanceof WorkerCrashedError, `${kind}: the worker died encoding it: ${error?.message}`);
    const origin = raisedIn(error);
    t.regex(origin.process, /^PoolWorker-\d+$/, kind);
    t.is(typeof origin.pid, 'number', kind);
    t.is(origin.index, 0, kind);
    t.regex(error?.stack ?? '', /--- raised in pool worker PoolWorker-\d+ \(pid \d+\) on item 0 of job \d+, re-raised in the parent$/, kind);
    // What the parent does with any error must work: its message is text, and it prints.
    t.is(typeof error?.message, 'string', kind);
    t.notThrows(() => `${String(error)} ${error?.name}: ${error?.message}`, kind);
    outcomes.push(`${kind} → ${error?.name}`);
  }
  t.deepEqual(await within(pool.map(square, [1, 2, 3], 1), RUN_MS, 'map after'), [1, 4, 9], 'the pool still serves');
  report(t, {
    section: 'defect', defect: 5,
    tried: `a task throws each of ${HOSTILE_KINDS.length} hostile values (${HOSTILE_KINDS.join(', ')})`,
    outcome: `each reaches the caller as a defined error naming worker, pid, job and item; no worker died: ${outcomes.join('; ')}`,
    figures: { kinds: HOSTILE_KINDS.length },
  });
});

test('defect 5: a thrown non-Error arrives as ThrownValueError holding the value, with the item index of a map', async (t) => {
  const error = await t.throwsAsync(within(pool.map(throwUndefinedAtThree, [0, 1, 2, 3, 4, 5], 2), RUN_MS, 'map'), {
    instanceOf: ThrownValueError,
  });
  t.is((error as ThrownValueError).value, undefined);
  t.like(raisedIn(error), { index: 3 });
  t.regex(error!.message, /^exceptions must derive from BaseException: undefined was thrown in pool worker PoolWorker-\d+ \(pid \d+\) on item 3 of job \d+, and it is not an Error; the value is kept as error\.value\./);
  const big = await t.throwsAsync(within(pool.apply(throwHostile, ['BigInt']), RUN_MS, 'apply'), { instanceOf: ThrownValueError });
  t.is((big as ThrownValueError).value, 12345678901234567890n);
  const withFunction = await t.throwsAsync(within(pool.apply(throwHostile, ['object with a function property']), RUN_MS, 'apply'));
  t.deepEqual((withFunction as ThrownValueError).value, { code: 1, retry: '[not serializable: function]' });
  t.false(withFunction!.message.includes('[object Object]'), withFunction!.message);
});

test('defect 5: what can be read of an Error with a throwing getter is kept', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(throwHostile, ['Error with a throwing own property']), RUN_MS, 'apply'));
  t.is(error?.message, 'with a getter');
  t.is((error as unknown as { detail: unknown }).detail, '[unreadable: trap sprung]');
  const unnamed = await t.throwsAsync(within(pool.apply(throwHostile, ['Error with a throwing message getter']), RUN_MS, 'apply'));
  t.is(unnamed?.message, '<the message could not be read: trap sprung>');
});

const LIBRARY_CLASSES = Object.entries(errors)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
  .map(([name]) => name);

test("defect 12: multiproc's own error classes thrown in a task arrive as themselves (instanceof holds)", async (t) => {
  for (const name of LIBRARY_CLASSES) {
    const Class = (errors as unknown as Record<string, new (...args: never[]) => Error>)[name]!;
    const error = await t.throwsAsync(within(pool.apply(throwLibraryError, [name]), RUN_MS, `apply(throwLibraryError, ['${name}'])`));
    t.true(error instanceof Class, `${name} arrived as ${Object.getPrototypeOf(error)?.constructor?.name}`);
    t.is(error?.name, name);
  }
  const crashed = await t.throwsAsync(within(pool.apply(throwLibraryError, ['WorkerCrashedError']), RUN_MS, 'apply'));
  t.like(crashed, { worker: 'PoolWorker-9', job: 2, index: 3 });
  report(t, {
    section: 'defect', defect: 12,
    tried: `a task throws each of multiproc's ${LIBRARY_CLASSES.length} error classes`,
    outcome: 'each arrives as its own class (instanceof holds), with its name and fields',
    figures: { classes: LIBRARY_CLASSES.length },
  });
});

test('defect 12: a user class registered beside the tasks arrives as itself, its constructor not run in the parent', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(throwHttpError, [503]), RUN_MS, 'apply'));
  t.true(error instanceof HttpError);
  t.is(error?.constructor, HttpError);
  t.is((error as HttpError).status, 503);
  t.is(String(error), 'HttpError: HTTP 503');
  t.regex(error?.stack ?? '', /channel-tasks\.ts/);
  const sub = await t.throwsAsync(within(pool.apply(throwNotFound, []), RUN_MS, 'apply'));
  t.true(sub instanceof HttpError, 'an unregistered subclass arrives as its registered parent class');
  t.false(sub instanceof NotFoundError);
  t.is(sub?.name, 'NotFoundError');
  report(t, {
    section: 'defect', defect: 12,
    tried: 'a task throws a user class registered with tasks(import.meta, { HttpError }) whose constructor needs an argument, and an unregistered subclass of it',
    outcome: 'HttpError arrives as HttpError with its fields; the subclass as HttpError named NotFoundError',
  });
});

test('defect 5: an initializer that throws an Error whose own message is an object stops the pool with InitializerError; the parent lives', async (t) => {
  const broken = new Pool({ processes: 1, initializer: throwHostile, initargs: ['Error whose own message is an object'] });
  t.teardown(async () => {
    broken.terminate();
    await within(broken.join(), PROMPT_MS, 'join()');
  });
  const error = await t.throwsAsync(within(broken.map(square, [1, 2]), RUN_MS, 'map'), { instanceOf: errors.InitializerError });
  t.regex(error!.message, /^Pool initializer throwHostile failed in pool worker PoolWorker-[\d:]+: /);
  t.is(typeof (error!.cause as Error).message, 'string');
});

test('defect 5: an initializer that throws a revoked Proxy stops the pool with InitializerError, its worker not lost to encoding', async (t) => {
  const broken = new Pool({ processes: 1, initializer: throwHostile, initargs: ['revoked Proxy'] });
  t.teardown(async () => {
    broken.terminate();
    await within(broken.join(), PROMPT_MS, 'join()');
  });
  const error = await t.throwsAsync(within(broken.map(square, [1, 2]), RUN_MS, 'map'), { instanceOf: errors.InitializerError });
  t.regex(error!.message, /^Pool initializer throwHostile failed in pool worker PoolWorker-[\d:]+: exceptions must derive from BaseException: <Revoked Proxy> was thrown in the initializer in pool worker/);
  t.true(error!.cause instanceof ThrownValueError);
});
