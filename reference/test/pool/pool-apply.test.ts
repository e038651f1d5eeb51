import test from 'ava';
import { Pool, SerializationError, TaskReferenceError } from '../../src/index.js';
import {
  add,
  asyncDouble,
  identity,
  pidAfter,
  rejectRangeError,
  returnFunction,
  square,
  throwTypeError,
  throwValueError,
} from './fixtures/pool-tasks.js';
import { PROMPT_MS, RUN_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

// One pool for the whole file: the errors below must leave it usable for the tests that run next to them.
const pool = new Pool({ processes: 2 });
test.after.always('terminate the shared pool', async () => {
  pool.terminate();
  await within(pool.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

function unregisteredSquare(x: number): number {
  return x * x;
}

test('apply runs the task with its arguments and resolves to its value', async (t) => {
  t.is(await within(pool.apply(add, [2, 40]), RUN_MS, 'apply'), 42);
  t.is(await within(pool.apply(square, [-3]), RUN_MS, 'apply'), 9);
});

test('applyAsync returns an AsyncResult whose get() resolves to the value', async (t) => {
  const result = pool.applyAsync(add, [20, 22]);
  t.is(await within(result.get(), RUN_MS, 'get()'), 42);
  t.true(result.ready());
  t.true(result.successful());
});

test('many applyAsync at once each get their own value', async (t) => {
  const results = Array.from({ length: 200 }, (_, i) => pool.applyAsync(add, [i, 1000]));
  const values = await within(Promise.all(results.map((r) => r.get())), RUN_MS, '200 get()');
  t.deepEqual(values, Array.from({ length: 200 }, (_, i) => i + 1000));
});

test('mapAsync and starmapAsync resolve to the lists', async (t) => {
  const mapped = pool.mapAsync(square, [1, 2, 3, 4, 5, 6, 7], 2);
  const starred = pool.starmapAsync(add, [[1, 1], [2, 2], [3, 3]]);
  t.deepEqual(await within(mapped.get(), RUN_MS, 'mapAsync'), [1, 4, 9, 16, 25, 36, 49]);
  t.deepEqual(await within(starred.get(), RUN_MS, 'starmapAsync'), [2, 4, 6]);
  t.true(mapped.successful());
  t.true(starred.successful());
});

test('tasks submitted one call at a time go to the idle worker, not behind a busy one', async (t) => {
  const own = new Pool({ processes: 2 });
  t.teardown(async () => {
    own.terminate();
    await within(own.join(), PROMPT_MS, 'join()');
  });
  await within(own.map(square, [1, 2, 3, 4], 1), RUN_MS, 'warm-up');
  const first = own.applyAsync(pidAfter, [1000]);
  const second = own.applyAsync(pidAfter, [1000]);
  const pids = await within(Promise.all([first.get(), second.get()]), RUN_MS, 'two tasks');
  t.not(pids[0], pids[1], 'the second task went to the idle worker');
});

test('a promise-returning task resolves to the awaited value', async (t) => {
  t.is(await within(pool.apply(asyncDouble, [21]), RUN_MS, 'apply'), 42);
  t.deepEqual(await within(pool.mapAsync(asyncDouble, [1, 2, 3]).get(), RUN_MS, 'mapAsync'), [2, 4, 6]);
});

test('a TypeError thrown in a task is a TypeError in the parent, message kept', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(throwTypeError, ['wrong type']), RUN_MS, 'apply'));
  t.true(error instanceof TypeError);
  t.is(error?.constructor, TypeError);
  t.is(error?.name, 'TypeError');
  t.is(error?.message, 'wrong type');
});

test('a RangeError rejected by an async task is a RangeError in the parent', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(rejectRangeError, ['out of range']), RUN_MS, 'apply'));
  t.is(error?.constructor, RangeError);
  t.is(error?.message, 'out of range');
});

test('a custom error keeps its name, own properties, cause, and a stack that points into the fixture', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(throwValueError, ['bad value']), RUN_MS, 'apply'));
  t.is(error?.name, 'ValueError');
  t.is(error?.message, 'bad value');
  t.is((error as unknown as { code: string }).code, 'E_VALUE');
  t.deepEqual((error as unknown as { detail: unknown }).detail, { item: 7 });
  t.true(error?.cause instanceof TypeError);
  t.is((error?.cause as Error).message, 'the underlying cause');
  t.regex(error?.stack ?? '', /pool-tasks\.ts/);
  t.regex(error?.stack ?? '', /throwValueError/);
});

test('a map whose task throws rejects with that error', async (t) => {
  await t.throwsAsync(within(pool.map(throwTypeError, ['a', 'b', 'c']), RUN_MS, 'map'), { instanceOf: TypeError, message: /^[abc]$/ });
  await t.throwsAsync(within(pool.starmapAsync(throwTypeError, [['x']]).get(), RUN_MS, 'starmapAsync'), {
    instanceOf: TypeError,
    message: 'x',
  });
});

test('the pool stays usable after task errors', async (t) => {
  const failures = Array.from({ length: 10 }, (_, i) => pool.applyAsync(throwTypeError, [`error ${i}`]));
  const outcomes = await within(Promise.allSettled(failures.map((r) => r.get())), RUN_MS, 'failures');
  t.true(outcomes.every((o) => o.status === 'rejected'));
  t.deepEqual(await within(pool.map(square, [1, 2, 3, 4], 1), RUN_MS, 'map after errors'), [1, 4, 9, 16]);
  t.is(await within(pool.apply(add, [1, 2]), RUN_MS, 'apply after errors'), 3);
});

test('a function in the arguments: get() rejects with SerializationError naming the item; the others succeed', async (t) => {
  const before = pool.applyAsync(add, [1, 2]);
  const bad = pool.applyAsync(identity, [() => 1]);
  const after = pool.applyAsync(add, [3, 4]);
  const error = await t.throwsAsync(within(bad.get(), RUN_MS, 'get() of the bad task'), { instanceOf: SerializationError });
  t.regex(error!.message, /item 0 of job \d+ cannot be sent to a pool worker/);
  t.regex(error!.message, /could not be cloned/);
  t.is(await within(before.get(), RUN_MS, 'get() of the task before'), 3);
  t.is(await within(after.get(), RUN_MS, 'get() of the task after'), 7);
});

test('a function among map items: the map rejects with SerializationError naming that item', async (t) => {
  const items: unknown[] = [1, 2, 3, 4, 5, Symbol('no'), 7];
  const error = await t.throwsAsync(within(pool.map(identity, items, 2), RUN_MS, 'map'), { instanceOf: SerializationError });
  t.regex(error!.message, /^item 5 of job \d+ cannot be sent to a pool worker/);
  t.deepEqual(await within(pool.map(square, [5, 6], 1), RUN_MS, 'map after'), [25, 36]);
});

test('a return value that cannot be cloned rejects with SerializationError; the pool stays usable', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(returnFunction, []), RUN_MS, 'apply'), { instanceOf: SerializationError });
  t.regex(error!.message, /^the result of item 0 of job \d+ cannot be sent back to the parent: .*could not be cloned/);
  await t.throwsAsync(within(pool.map(returnFunction, [undefined, undefined, undefined]), RUN_MS, 'map'), { instanceOf: SerializationError });
  t.is(await within(pool.apply(add, [5, 5]), RUN_MS, 'apply after'), 10);
  t.deepEqual(await within(pool.map(square, [1, 2, 3], 1), RUN_MS, 'map after'), [1, 4, 9]);
});

test('an unregistered function: applyAsync throws TaskReferenceError at once, naming it; apply rejects with it', async (t) => {
  t.throws(() => pool.applyAsync(unregisteredSquare, [2]), {
    instanceOf: TaskReferenceError,
    message: /^Pool task "unregisteredSquare" is not a registered task/,
  });
  await t.throwsAsync(pool.apply(unregisteredSquare, [2]), { instanceOf: TaskReferenceError });
  t.throws(() => pool.applyAsync((x: number) => x, [2]), { instanceOf: TaskReferenceError });
});

test('an unregistered function: map, starmap and imap reject or throw TaskReferenceError', async (t) => {
  await t.throwsAsync(pool.map(unregisteredSquare, [1, 2]), { instanceOf: TaskReferenceError, message: /unregisteredSquare/ });
  await t.throwsAsync(pool.starmap(unregisteredSquare, [[1]]), { instanceOf: TaskReferenceError });
  t.throws(() => pool.mapAsync(unregisteredSquare, [1, 2]), { instanceOf: TaskReferenceError });
  t.throws(() => pool.imap(unregisteredSquare, [1, 2]), { instanceOf: TaskReferenceError });
});

test('map with an unregistered function refuses before reading its input', async (t) => {
  let read = 0;
  function* counted(): Generator<number> {
    for (let i = 0; i < 5; i++) {
      read++;
      yield i;
    }
  }
  await t.throwsAsync(pool.map(unregisteredSquare, counted()), { instanceOf: TaskReferenceError });
  t.is(read, 0, 'the input was not read');
});
