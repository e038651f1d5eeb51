import test, { type ExecutionContext } from 'ava';
import { Process, ProcessStateError, SerializationError, TaskReferenceError } from '../../src/index.js';
import { checkArgs, returnNothing, sleepFor, writeArgs } from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { children, cleanUp, PROMPT_MS, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

/** A Process that has run `returnNothing` to its end. */
async function exited(t: ExecutionContext): Promise<Process> {
  const p = new Process({ target: returnNothing });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  return p;
}

// The tests that count child processes run first and one at a time, so no other test's child is counted.
test.serial('an argument that cannot be sent throws SerializationError naming args[0], and starts no child', (t) => {
  const before = children();
  const error = t.throws(() => new Process({ target: checkArgs, args: [() => 'a callback'] }), {
    instanceOf: SerializationError,
  });
  t.true(error?.message.startsWith('Process argument args[0] cannot be sent to another process: '), error?.message);
  t.deepEqual(children(), before);
});

test.serial('an argument that cannot be sent is named by its position', (t) => {
  t.throws(() => new Process({ target: writeArgs, args: ['file', 1, { handle: Symbol('h') }] as never }), {
    instanceOf: SerializationError,
    message: /^Process argument args\[2\] cannot be sent to another process: /,
  });
});

test.serial('an argument changed after construction so that it cannot be sent makes start() throw, starting no child', (t) => {
  const list: unknown[] = ['fine'];
  const p = new Process({ target: writeArgs, args: ['file', list] });
  list.push(() => 'added later');
  const before = children();
  t.throws(() => p.start(), { instanceOf: SerializationError, message: /^Process argument args\[1\] / });
  t.deepEqual(children(), before);
  t.is(p.pid, null);
  t.false(p.isAlive());
});

test.serial('an unregistered target throws TaskReferenceError naming it and the fix, and starts no child', (t) => {
  const before = children();
  function notATask(): void {}
  const error = t.throws(() => new Process({ target: notATask }), { instanceOf: TaskReferenceError });
  t.true(error instanceof TypeError);
  t.true(error?.message.startsWith('Process target "notATask" is not a registered task'), error?.message);
  t.true(error?.message.includes('tasks(import.meta, { notATask })'), error?.message);
  t.throws(() => new Process({ target: (x: number) => x * 2 }), { instanceOf: TaskReferenceError });
  t.deepEqual(children(), before);
});

test.serial('a target that is not a function throws TaskReferenceError', (t) => {
  t.throws(() => new Process({ target: 42 as never }), {
    instanceOf: TaskReferenceError,
    message: 'Process target must be a function, got a number (42)',
  });
});

test.serial('an unknown option is refused, with the option meant', (t) => {
  t.throws(() => new Process({ target: returnNothing, arg: [1] } as never), {
    instanceOf: TypeError,
    message: 'new Process(options): unexpected option "arg" (did you mean args?); the options are target, args, kwargs, name, daemon, env, stderr',
  });
  t.throws(() => new Process({ target: returnNothing, kwarg: {} } as never), {
    instanceOf: TypeError,
    message: /^new Process\(options\): unexpected option "kwarg" \(did you mean kwargs\?\)/,
  });
});

test.serial('args that are not an array throw a TypeError', (t) => {
  t.throws(() => new Process({ target: returnNothing, args: 'abc' as never }), {
    instanceOf: TypeError,
    message: "new Process(options): args must be an array of arguments for the target (Python: a tuple), got a string ('abc'); write args: [value]",
  });
});

test('join() before start() rejects with ProcessStateError', async (t) => {
  const p = new Process({ target: returnNothing });
  await t.throwsAsync(p.join(), {
    instanceOf: ProcessStateError,
    message: 'can only join a started process: call start() first',
  });
});

const signalBeforeStart = test.macro({
  exec(t: ExecutionContext, method: 'terminate' | 'kill') {
    const p = new Process({ target: returnNothing });
    t.throws(() => p[method](), {
      instanceOf: ProcessStateError,
      message: `can only ${method} a started process: call start() first`,
    });
  },
  title: (_provided, method) => `${method}() before start() throws ProcessStateError`,
});

test(signalBeforeStart, 'terminate');
test(signalBeforeStart, 'kill');

test('start() twice throws ProcessStateError', async (t) => {
  const p = await exited(t);
  t.throws(() => p.start(), {
    instanceOf: ProcessStateError,
    message: 'cannot start a process twice: create a new Process to run the target again',
  });
});

test('setting daemon after start() throws ProcessStateError and keeps the flag', async (t) => {
  const p = await exited(t);
  t.throws(() => {
    p.daemon = true;
  }, {
    instanceOf: ProcessStateError,
    message: 'process has already started: set daemon before calling start()',
  });
  t.false(p.daemon);
});

test('close() while the child runs throws ProcessStateError with Python\'s message', async (t) => {
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  p.start();
  t.throws(() => p.close(), {
    instanceOf: ProcessStateError,
    message: 'Cannot close a process while it is still running. You should first call join() or terminate().',
  });
  p.kill();
  await within(p.join(), PROMPT_MS, 'join() after kill()');
  t.notThrows(() => p.close());
});

test('close() before start() and close() twice are allowed', async (t) => {
  const unstarted = new Process({ target: returnNothing });
  t.notThrows(() => unstarted.close());
  t.notThrows(() => unstarted.close());
  const p = await exited(t);
  p.close();
  t.notThrows(() => p.close());
});

const CLOSED_OPERATIONS: Record<string, (p: Process) => unknown> = {
  'start()': (p) => p.start(),
  'isAlive()': (p) => p.isAlive(),
  pid: (p) => p.pid,
  exitCode: (p) => p.exitCode,
  'terminate()': (p) => p.terminate(),
  'kill()': (p) => p.kill(),
};

const throwsWhenClosed = test.macro({
  async exec(t: ExecutionContext, operation: string) {
    const p = await exited(t);
    p.close();
    t.throws(() => CLOSED_OPERATIONS[operation]!(p), {
      instanceOf: ProcessStateError,
      message: 'process object is closed: create a new Process',
    });
  },
  title: (_provided, operation) => `${operation} after close() throws ProcessStateError`,
});

for (const operation of Object.keys(CLOSED_OPERATIONS)) test(throwsWhenClosed, operation);

test('join() after close() rejects with ProcessStateError', async (t) => {
  const p = await exited(t);
  p.close();
  await t.throwsAsync(p.join(), {
    instanceOf: ProcessStateError,
    message: 'process object is closed: create a new Process',
  });
});

test('name, daemon and error stay readable after close()', async (t) => {
  const p = await exited(t);
  const { name } = p;
  p.close();
  t.is(p.name, name);
  t.false(p.daemon);
  t.is(p.error, undefined);
});
