import { deserialize, serialize } from 'node:v8';
import test, { type ExecutionContext } from 'ava';
import { decodeError, encodeError, formatThrown } from '../src/remote-error.js';
import * as errors from '../src/errors.js';
import { ProtocolError, ThrownValueError } from '../src/errors.js';
import { tasks } from '../src/task-registry.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const WHERE = 'process Process-7';

/** What the parent gets for `thrown`: encoded in the child, carried by structured clone, decoded. */
function roundTrip(thrown: unknown): unknown {
  return decodeError(deserialize(serialize(encodeError(thrown))), WHERE);
}

function roundTripError(thrown: unknown): Error {
  const rebuilt = roundTrip(thrown);
  if (!(rebuilt instanceof Error)) throw new Error(`expected an Error back, got ${String(rebuilt)}`);
  return rebuilt;
}

class ValueError extends Error {
  override name = 'ValueError';
}

const keepsBuiltinClass = test.macro({
  exec(t: ExecutionContext, make: () => Error) {
    const original = make();
    const rebuilt = roundTripError(original);
    t.is(Object.getPrototypeOf(rebuilt), Object.getPrototypeOf(original));
    t.is(rebuilt.name, original.name);
    t.is(rebuilt.message, original.message);
  },
  title: (_provided, make) => `${make().name} arrives as the same class`,
});

test(keepsBuiltinClass, () => new Error('plain'));
test(keepsBuiltinClass, () => new TypeError('wrong type'));
test(keepsBuiltinClass, () => new RangeError('out of range'));
test(keepsBuiltinClass, () => new SyntaxError('bad syntax'));
test(keepsBuiltinClass, () => new ReferenceError('x is not defined'));
test(keepsBuiltinClass, () => new EvalError('eval'));
test(keepsBuiltinClass, () => new URIError('URI malformed'));
test(keepsBuiltinClass, () => new AggregateError([], 'none'));

test('an AggregateError keeps its inner errors, with their classes', (t) => {
  const rebuilt = roundTripError(new AggregateError([new TypeError('first'), new ValueError('second'), 'third'], 'all failed'));
  t.true(rebuilt instanceof AggregateError);
  const { errors } = rebuilt as AggregateError;
  t.is(errors.length, 3);
  t.true(errors[0] instanceof TypeError);
  t.is(errors[0].message, 'first');
  t.is(errors[1].name, 'ValueError');
  t.is(errors[1].message, 'second');
  t.is(errors[2], 'third');
});

test('an unregistered user-defined class arrives as an Error with its name', (t) => {
  const rebuilt = roundTripError(new ValueError('Cannot process zero!'));
  t.is(Object.getPrototypeOf(rebuilt), Error.prototype);
  t.is(rebuilt.name, 'ValueError');
  t.is(rebuilt.message, 'Cannot process zero!');
  t.is(String(rebuilt), 'ValueError: Cannot process zero!');
});

/** Every error class of multiproc, each made the way the library makes it. */
const libraryErrors: Record<string, () => Error> = {
  MultiprocError: () => new errors.MultiprocError('base'),
  ProcessStateError: () => new errors.ProcessStateError('cannot start a process twice'),
  TimeoutError: () => new errors.TimeoutError('timed out'),
  TaskReferenceError: () => new errors.TaskReferenceError('not registered'),
  SerializationError: () => new errors.SerializationError('cannot be sent'),
  PoolStateError: () => new errors.PoolStateError('Pool not running'),
  AbortError: () => new errors.AbortError('aborted', { cause: new Error('the reason') }),
  NotReadyError: () => new errors.NotReadyError('not ready'),
  WorkerCrashedError: () =>
    new errors.WorkerCrashedError({ worker: 'PoolWorker-3', pid: 42, exitCode: -9, signal: 'SIGKILL', job: 1, index: 2, count: 1 }),
  InitializerError: () => new errors.InitializerError('initializer failed'),
  PoolTerminatedError: () => new errors.PoolTerminatedError('terminated'),
  QueueEmpty: () => new errors.QueueEmpty('empty'),
  QueueFull: () => new errors.QueueFull('full'),
  QueueClosedError: () => new errors.QueueClosedError('closed'),
  ThrownValueError: () => new errors.ThrownValueError('wrapped', 7),
  ProtocolError: () => new errors.ProtocolError('garbage'),
  WorkerStartError: () => new errors.WorkerStartError('could not start'),
  CallbackError: () => new errors.CallbackError('callback', 'applyAsync', new RangeError('inner')),
  QueueSocketError: () => new errors.QueueSocketError('No usable temporary directory found in /nope'),
  ClusterError: () => new errors.ClusterError('Redis at redis://127.0.0.1:1 did not answer within 10 ms'),
  TaskTimeoutError: () =>
    new errors.TaskTimeoutError({ task: 'crunch', phase: 'running', elapsedMs: 312, timeoutMs: 300, pid: 42, index: 2, count: 1 }),
};

test('the table above names every error class that errors.ts exports', (t) => {
  const classes = Object.entries(errors).filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error);
  t.deepEqual(classes.map(([name]) => name).sort(), Object.keys(libraryErrors).sort());
});

for (const [name, make] of Object.entries(libraryErrors)) {
  test(`defect 12: multiproc's own ${name} arrives as itself (instanceof holds), with its fields`, (t) => {
    const original = make();
    const rebuilt = roundTripError(original);
    const Class = (errors as unknown as Record<string, new (...args: never[]) => Error>)[name]!;
    t.true(rebuilt instanceof Class);
    t.is(Object.getPrototypeOf(rebuilt), Object.getPrototypeOf(original));
    t.is(rebuilt.name, name);
    t.is(rebuilt.message, original.message);
    t.deepEqual({ ...rebuilt }, { ...original });
  });
}

/** A user's error class whose constructor needs an argument, and counts its calls. */
class HttpError extends Error {
  static constructed = 0;
  override name = 'HttpError';
  readonly status: number;
  constructor(status: number, options?: ErrorOptions) {
    if (typeof status !== 'number') throw new TypeError('HttpError needs a status');
    super(`HTTP ${status}`, options);
    this.status = status;
    HttpError.constructed++;
  }
}
class NotFoundError extends HttpError {
  override name = 'NotFoundError';
}
tasks(import.meta, { HttpError });

test('defect 12: a user class registered with tasks() arrives as itself, rebuilt without calling its constructor', (t) => {
  const original = new HttpError(503, { cause: new RangeError('upstream') });
  const before = HttpError.constructed;
  const rebuilt = roundTripError(original) as HttpError;
  t.is(HttpError.constructed, before, 'the constructor was not called in the parent');
  t.true(rebuilt instanceof HttpError);
  t.is(rebuilt.constructor, HttpError);
  t.is(rebuilt.name, 'HttpError');
  t.is(rebuilt.message, 'HTTP 503');
  t.is(rebuilt.status, 503);
  t.true(rebuilt.cause instanceof RangeError);
  t.is(String(rebuilt), 'HttpError: HTTP 503');
  t.regex(rebuilt.stack ?? '', /remote-error\.test\.ts/);
});

test('defect 12: an unregistered subclass of a registered class arrives as the registered class, with its own name', (t) => {
  const rebuilt = roundTripError(new NotFoundError(404));
  t.is(Object.getPrototypeOf(rebuilt), HttpError.prototype);
  t.is(rebuilt.name, 'NotFoundError');
  t.is((rebuilt as HttpError).status, 404);
});

test('defect 12: a registered class the parent cannot find arrives as an Error with its name', (t) => {
  const encoded = encodeError(new HttpError(500)) as { cls: unknown };
  t.like(encoded.cls, { kind: 'user', key: 'HttpError' });
  const elsewhere = { ...encoded, cls: { kind: 'user', moduleUrl: 'file:///never/imported.js', key: 'HttpError' } };
  const rebuilt = decodeError(elsewhere, WHERE) as Error;
  t.is(Object.getPrototypeOf(rebuilt), Error.prototype);
  t.is(rebuilt.name, 'HttpError');
  t.is(rebuilt.message, 'HTTP 500');
});

test('a class named on the wire is only looked up, never evaluated or imported', (t) => {
  const forged = { kind: 'error', name: 'X', message: 'm', stack: undefined, props: {},
    cls: { kind: 'user', moduleUrl: 'data:text/javascript,globalThis.evaluated=1', key: 'default' } };
  t.is(Object.getPrototypeOf(decodeError(forged, WHERE)), Error.prototype);
  t.is(Object.getPrototypeOf(decodeError({ ...forged, cls: { kind: 'library', name: 'constructor' } }, WHERE)), Error.prototype);
  t.is(Object.getPrototypeOf(decodeError({ ...forged, cls: { kind: 'builtin', name: '__proto__' } }, WHERE)), Error.prototype);
  t.is((globalThis as { evaluated?: unknown }).evaluated, undefined);
});

test('defect 12: an unregistered subclass of a built-in arrives as that built-in, with its own name', (t) => {
  class NotFound extends TypeError {
    override name = 'NotFound';
  }
  const rebuilt = roundTripError(new NotFound('gone'));
  t.is(Object.getPrototypeOf(rebuilt), TypeError.prototype);
  t.is(rebuilt.name, 'NotFound');
  t.is(rebuilt.message, 'gone');
});

test('own properties are kept: a code, a details object, a BigInt', (t) => {
  const original = Object.assign(new Error('with properties'), {
    code: 'E_BROKEN',
    details: { path: '/tmp/x', attempts: [1, 2, 3], seen: new Map([['a', 1]]) },
    big: 2n ** 70n,
  });
  const rebuilt = roundTripError(original) as typeof original;
  t.is(rebuilt.code, 'E_BROKEN');
  t.deepEqual(rebuilt.details, original.details);
  t.is(rebuilt.big, 2n ** 70n);
});

test('a property that cannot cross is replaced by a marker instead of failing', (t) => {
  const original = Object.assign(new Error('with a callback'), { retry: () => 1, handle: { close() {} }, code: 'E_RETRY' });
  const rebuilt = roundTripError(original) as unknown as Record<string, unknown>;
  t.is(rebuilt['retry'], '[not serializable: function]');
  t.is(rebuilt['handle'], '[not serializable: object]');
  t.is(rebuilt['code'], 'E_RETRY');
});

test('a cause chain three deep is kept, each with its class', (t) => {
  const root = new RangeError('root');
  const middle = new TypeError('middle', { cause: root });
  const top = new ValueError('top', { cause: middle });
  const rebuilt = roundTripError(top);
  const second = rebuilt.cause as Error;
  const third = second.cause as Error;
  t.is(rebuilt.name, 'ValueError');
  t.true(second instanceof TypeError);
  t.is(second.message, 'middle');
  t.true(third instanceof RangeError);
  t.is(third.message, 'root');
  t.false('cause' in third);
});

test('a cause that is not an Error is kept as the value', (t) => {
  t.deepEqual(roundTripError(new Error('wrapped', { cause: { status: 503 } })).cause, { status: 503 });
});

test('a cycle in the cause chain is cut after a bounded depth', (t) => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  let depth = 0;
  let current: unknown = roundTripError(a);
  while (current instanceof Error && 'cause' in current) {
    current = current.cause;
    depth++;
    if (depth > 100) break;
  }
  t.true(depth >= 2, `followed ${depth} causes`);
  t.true(depth <= 10, `followed ${depth} causes`);
});

/** What a thrown non-Error becomes: a ThrownValueError that says where it was thrown, holding the value. */
function roundTripValue(thrown: unknown): ThrownValueError {
  const rebuilt = roundTrip(thrown);
  if (!(rebuilt instanceof ThrownValueError)) throw new Error(`expected a ThrownValueError back, got ${String(rebuilt)}`);
  return rebuilt;
}

const comesBackWrapped = test.macro({
  exec(t: ExecutionContext, thrown: unknown, described: string) {
    const rebuilt = roundTripValue(thrown);
    t.deepEqual(rebuilt.value, thrown);
    t.true(rebuilt instanceof TypeError, "Python's TypeError: exceptions must derive from BaseException");
    t.is(rebuilt.name, 'ThrownValueError');
    t.is(
      rebuilt.message,
      `exceptions must derive from BaseException: ${described} was thrown in ${WHERE}, and it is not an Error; the value ` +
        'is kept as error.value. Throw an Error (throw new Error(…)) to keep a class and a stack',
    );
    t.deepEqual((rebuilt as unknown as { raisedIn: unknown }).raisedIn, { where: WHERE });
  },
  title: (_provided, thrown) => `defect 5: a thrown ${thrown === null ? 'null' : typeof thrown} arrives wrapped, saying where, with the value`,
});

test(comesBackWrapped, 'just a string', '"just a string"');
test(comesBackWrapped, 42, '42');
test(comesBackWrapped, { reason: 'an object', list: [1, 2] }, "{ reason: 'an object', list: [ 1, 2 ] }");
test(comesBackWrapped, undefined, 'undefined');
test(comesBackWrapped, null, 'null');
test(comesBackWrapped, 2n ** 70n, '1180591620717411303424n');

test('defect 5: a thrown symbol, which cannot cross, arrives described, with value undefined', (t) => {
  const rebuilt = roundTripValue(Symbol('odd'));
  t.is(rebuilt.value, undefined);
  t.regex(rebuilt.message, /^exceptions must derive from BaseException: Symbol\(odd\) was thrown in process Process-7, and it is not an Error; it cannot be sent to another process \(Symbol\(odd\) could not be cloned\.\), so error\.value is undefined/);
});

test('defect 5: an object with a function property arrives as a copy with a marker, described, not "[object Object]"', (t) => {
  const rebuilt = roundTripValue({ code: 1, retry: () => 1 });
  t.deepEqual(rebuilt.value, { code: 1, retry: '[not serializable: function]' });
  t.true(rebuilt.message.includes('{ code: 1, retry: [Function: retry] } was thrown in process Process-7'), rebuilt.message);
  t.false(rebuilt.message.includes('[object Object]'));
});

/** Thrown values that once crashed the worker that encoded them (issue 14, defect 5). */
const hostile: Record<string, () => unknown> = {
  'a null-prototype object holding a function': () => Object.assign(Object.create(null) as object, { f: () => 1, n: 2 }),
  'an Error whose message getter throws': () => throwingGetter(new RangeError('unused'), 'message'),
  'an Error whose name getter throws': () => throwingGetter(new Error('named'), 'name'),
  'an Error whose stack getter throws': () => throwingGetter(new Error('stacked'), 'stack'),
  'an Error whose own enumerable property throws': () => throwingGetter(new Error('with a getter'), 'detail', true),
  'an Error whose cause getter throws': () => throwingGetter(new Error('caused'), 'cause'),
  'a Proxy whose traps throw': () => new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap }),
  'a Proxy of an Error': () => new Proxy(new TypeError('behind a proxy'), {}),
  'a revoked Proxy': () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  'an Error holding a revoked Proxy': () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return Object.assign(new Error('holds a proxy'), { proxy });
  },
  'an Error that is its own cause through an object': () => {
    const error = new Error('loop');
    error.cause = { back: error };
    return error;
  },
};

function trap(): never {
  throw new Error('trap sprung');
}

function throwingGetter(error: Error, key: string, enumerable = false): Error {
  Object.defineProperty(error, key, { get: trap, enumerable, configurable: true });
  return error;
}

for (const [what, make] of Object.entries(hostile)) {
  test(`defect 5: ${what}: encoding does not throw, and the parent gets an Error that says where`, (t) => {
    const encoded = t.notThrows(() => encodeError(make())) ?? encodeError(make());
    t.notThrows(() => deserialize(serialize(encoded)), 'the encoded form can be read back');
    const rebuilt = roundTrip(make());
    t.true(rebuilt instanceof Error, `got ${String(rebuilt)}`);
    t.regex((rebuilt as Error).stack ?? '', /--- raised in process Process-7, re-raised in the parent$/);
    t.deepEqual((rebuilt as { raisedIn?: unknown }).raisedIn, { where: WHERE });
  });
}

test('defect 5: what could be read of a hostile Error is kept', (t) => {
  const rebuilt = roundTripError(hostile['an Error whose message getter throws']!());
  t.true(rebuilt instanceof RangeError);
  t.is(rebuilt.message, '<the message could not be read: trap sprung>');
  const withProperty = roundTripError(hostile['an Error whose own enumerable property throws']!()) as Error & { detail: unknown };
  t.is(withProperty.message, 'with a getter');
  t.is(withProperty.detail, '[unreadable: trap sprung]');
  const proxied = roundTripError(hostile['a Proxy of an Error']!());
  t.true(proxied instanceof TypeError);
  t.is(proxied.message, 'behind a proxy');
});

test('defect 5: raisedIn is not enumerable, and a user\'s own raisedIn property is left alone', (t) => {
  const rebuilt = roundTripError(new Error('plain'));
  t.false(Object.getOwnPropertyDescriptor(rebuilt, 'raisedIn')?.enumerable ?? true);
  t.is((roundTripError(Object.assign(new Error('own'), { raisedIn: 'mine' })) as unknown as { raisedIn: unknown }).raisedIn, 'mine');
});

test('an own "__proto__" property stays a property and does not replace the prototype', (t) => {
  const error = new TypeError('json');
  Object.defineProperty(error, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  const rebuilt = roundTripError(error);
  t.is(Object.getPrototypeOf(rebuilt), TypeError.prototype);
  t.deepEqual(Object.getOwnPropertyDescriptor(rebuilt, '__proto__')?.value, { polluted: true });
});

test('decoding never throws, whatever arrives', (t) => {
  for (const garbage of [undefined, null, 42, 'text', { kind: 'error', props: 5, cls: { kind: 'user' } }, { kind: 'value' }, []]) {
    const rebuilt = t.notThrows(() => decodeError(garbage, WHERE));
    t.not(rebuilt, undefined, `decoded ${JSON.stringify(garbage)}`);
  }
  t.true(decodeError(null, WHERE) instanceof ProtocolError);
});

test("the stack is the child's stack followed by the 'raised in' line", (t) => {
  const original = new TypeError('deep down');
  const rebuilt = roundTripError(original);
  t.is(rebuilt.stack, `${original.stack}\n    --- raised in ${WHERE}, re-raised in the parent`);
  t.regex(rebuilt.stack ?? '', /remote-error\.test\.ts/);
});

test("an error without a stack gets 'name: message' above the 'raised in' line", (t) => {
  const original = new RangeError('no stack');
  Object.defineProperty(original, 'stack', { value: undefined });
  t.is(roundTripError(original).stack, `RangeError: no stack\n    --- raised in ${WHERE}, re-raised in the parent`);
});

test('name, stack and cause of the rebuilt error are not enumerable, as on a fresh error', (t) => {
  const rebuilt = roundTripError(new ValueError('quiet', { cause: new Error('below') }));
  t.deepEqual(Object.keys(rebuilt), []);
  t.false(Object.getOwnPropertyDescriptor(rebuilt, 'stack')?.enumerable ?? false);
  t.false(Object.getOwnPropertyDescriptor(rebuilt, 'cause')?.enumerable ?? false);
});

test('formatThrown prints the stack of an error and the value of anything else', (t) => {
  const error = new Error('printed');
  t.is(formatThrown(error), error.stack as string);
  t.is(formatThrown('text'), 'Uncaught "text"');
  t.is(formatThrown(7), 'Uncaught 7');
});

test('defect 5: formatThrown never throws, whatever was thrown', (t) => {
  for (const make of Object.values(hostile)) t.notThrows(() => formatThrown(make()));
  t.is(formatThrown(hostile['an Error whose stack getter throws']!()), 'Error: stacked');
  t.is(formatThrown(Object.create(null)), 'Uncaught [Object: null prototype] {}');
});
