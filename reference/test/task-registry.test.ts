import test, { type ExecutionContext } from 'ava';
import { TaskReferenceError } from '../src/errors.js';
import { errorClassAt, errorClassRef, loadTask, resolveTask, tasks, valueClassAt, valueClassRef } from '../src/task-registry.js';
import { returnNothing, writeIdentity } from './fixtures/tasks.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { modulePath } from '../../test-support/repo-paths.js';
import { pathToFileURL } from 'node:url';

assertNoOrphans(test);

const FIXTURE_URL = pathToFileURL(modulePath(import.meta.url, './fixtures/tasks')).href;

export function registeredHere(): number {
  return 1;
}
export function registeredTwice(): number {
  return 2;
}
const table = tasks(import.meta, { registeredHere, renamed: registeredTwice });
tasks('file:///elsewhere/other-module.js', { registeredTwice });

test('tasks() returns the table it was given', (t) => {
  const given = { registeredHere };
  t.is(tasks(import.meta, given), given);
  t.deepEqual(Object.keys(table), ['registeredHere', 'renamed']);
});

test('a registered function resolves to the URL of the module that registered it and its key', (t) => {
  t.deepEqual(resolveTask(registeredHere, 'Process target'), { moduleUrl: import.meta.url, key: 'registeredHere' });
  t.deepEqual(resolveTask(returnNothing, 'Process target'), { moduleUrl: FIXTURE_URL, key: 'returnNothing' });
  t.deepEqual(resolveTask(writeIdentity, 'Process target'), { moduleUrl: FIXTURE_URL, key: 'writeIdentity' });
});

test('the key is the one in the table, and the first registration of a function wins', (t) => {
  t.deepEqual(resolveTask(registeredTwice, 'Process target'), { moduleUrl: import.meta.url, key: 'renamed' });
});

test('loadTask finds a registered function again by its reference', async (t) => {
  t.is(await loadTask({ moduleUrl: import.meta.url, key: 'renamed' }), registeredTwice);
  t.is(await loadTask({ moduleUrl: FIXTURE_URL, key: 'returnNothing' }), returnNothing);
});

test('loadTask names the module and the key when the module registers no such task', async (t) => {
  await t.throwsAsync(loadTask({ moduleUrl: FIXTURE_URL, key: 'missing' }), {
    instanceOf: TaskReferenceError,
    message:
      `module ${FIXTURE_URL} registers no task named "missing" when imported in a child process; ` +
      'make sure tasks(import.meta, { missing }) runs at the module\'s top level, not inside a condition',
  });
});

test('an unregistered function is a TaskReferenceError naming it and the fix, to the letter', (t) => {
  function notRegistered(): void {}
  const error = t.throws(() => resolveTask(notRegistered, 'Process target'), { instanceOf: TaskReferenceError });
  t.true(error instanceof TypeError);
  t.is(error?.name, 'TaskReferenceError');
  t.is(
    error?.message,
    'Process target "notRegistered" is not a registered task, so a child process cannot find it. Define it as a ' +
      'top-level function of a module and register it there: tasks(import.meta, { notRegistered }) (in a CommonJS ' +
      'file: tasks(module, { notRegistered })). Inline ' +
      'arrow functions, closures and methods cannot run in another process (Python: the function must be ' +
      'picklable, defined at module level).',
  );
});

const rejectsFunction = test.macro({
  exec(t: ExecutionContext, _what: string, fn: unknown, shownName: string, fixKey: string) {
    const error = t.throws(() => resolveTask(fn, 'Process target'), { instanceOf: TaskReferenceError });
    t.true(error instanceof TypeError);
    t.true(error?.message.startsWith(`Process target "${shownName}" is not a registered task`), error?.message);
    t.true(error?.message.includes(`tasks(import.meta, { ${fixKey} })`), error?.message);
  },
  title: (_provided, what) => `${what} is a TaskReferenceError naming it and the fix`,
});

const makeAdder = (n: number) =>
  function adder(x: number): number {
    return x + n;
  };
class Calculator {
  double(x: number): number {
    return 2 * x;
  }
}

test(rejectsFunction, 'an inline arrow', (x: number) => x, '<anonymous>', 'myTask');
test(rejectsFunction, 'a named arrow', (() => {
  const triple = (x: number) => 3 * x;
  return triple;
})(), 'triple', 'triple');
test(rejectsFunction, 'a closure', makeAdder(2), 'adder', 'adder');
test(rejectsFunction, 'a class method', new Calculator().double, 'double', 'double');
test(rejectsFunction, 'a bound function', registeredHere.bind(null), 'bound registeredHere', 'myTask');

const rejectsValue = test.macro({
  exec(t: ExecutionContext, value: unknown, described: string) {
    t.throws(() => resolveTask(value, 'Process target'), {
      instanceOf: TaskReferenceError,
      message: `Process target must be a function, got ${described}`,
    });
  },
  title: (_provided, value, described) => `${String(value)} as a target is a TaskReferenceError saying it is ${described}`,
});

test(rejectsValue, 42, 'a number (42)');
test(rejectsValue, null, 'null');
test(rejectsValue, undefined, 'undefined');
test(rejectsValue, 'registeredHere', "a string ('registeredHere')");

test('tasks() rejects a value in the table that is not a function', (t) => {
  t.throws(() => tasks(import.meta, { answer: 42 } as never), {
    instanceOf: TypeError,
    message: 'tasks(): "answer" is a number (42), not a function; register only functions and classes',
  });
  t.throws(() => tasks(import.meta, { nothing: null } as never), {
    instanceOf: TypeError,
    message: 'tasks(): "nothing" is null, not a function; register only functions and classes',
  });
});

class RegisteredError extends Error {}
export function plainTask(): void {}

test('defect 12: tasks() registers a subclass of Error as an error class, not as a task', (t) => {
  tasks(import.meta, { RegisteredError, plainTask });
  t.deepEqual(errorClassRef(RegisteredError.prototype), { moduleUrl: import.meta.url, key: 'RegisteredError' });
  t.is(errorClassAt({ moduleUrl: import.meta.url, key: 'RegisteredError' }), RegisteredError);
  t.throws(() => resolveTask(RegisteredError as never, 'Pool task'), { instanceOf: TaskReferenceError });
  t.is(errorClassRef(Object.getPrototypeOf(plainTask) as object), undefined);
});

class RegisteredValue {}
function ClassicConstructor(this: { n: number }): void {
  this.n = 1;
}

test('first hour: tasks() registers any other class as a value class, not as a task; an ES5 constructor stays a task', (t) => {
  tasks(import.meta, { RegisteredValue, ClassicConstructor });
  t.deepEqual(valueClassRef(RegisteredValue.prototype), { moduleUrl: import.meta.url, key: 'RegisteredValue' });
  t.is(valueClassAt({ moduleUrl: import.meta.url, key: 'RegisteredValue' }), RegisteredValue);
  t.throws(() => resolveTask(RegisteredValue as never, 'Pool task'), { instanceOf: TaskReferenceError });
  t.is(errorClassRef(RegisteredValue.prototype), undefined, 'not an error class');
  t.is(valueClassRef(RegisteredError.prototype), undefined, 'an error class is not a value class');
  t.deepEqual(resolveTask(ClassicConstructor, 'Pool task'), { moduleUrl: import.meta.url, key: 'ClassicConstructor' });
  t.is(valueClassRef(ClassicConstructor.prototype as object), undefined);
});
