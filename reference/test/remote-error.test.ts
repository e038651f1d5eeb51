import { deserialize, serialize } from 'node:v8';
import test, { type ExecutionContext } from 'ava';
import { decodeError, encodeError, formatThrown } from '../src/remote-error.js';
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

test('a user-defined class arrives as an Error with its name', (t) => {
  const rebuilt = roundTripError(new ValueError('Cannot process zero!'));
  t.is(Object.getPrototypeOf(rebuilt), Error.prototype);
  t.is(rebuilt.name, 'ValueError');
  t.is(rebuilt.message, 'Cannot process zero!');
  t.is(String(rebuilt), 'ValueError: Cannot process zero!');
});

test('a subclass of a built-in arrives as an Error with its name', (t) => {
  class NotFound extends TypeError {
    override name = 'NotFound';
  }
  const rebuilt = roundTripError(new NotFound('gone'));
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

const comesBackAsTheValue = test.macro({
  exec(t: ExecutionContext, thrown: unknown) {
    t.deepEqual(roundTrip(thrown), thrown);
  },
  title: (_provided, thrown) => `a thrown ${thrown === null ? 'null' : typeof thrown} comes back as the value`,
});

test(comesBackAsTheValue, 'just a string');
test(comesBackAsTheValue, 42);
test(comesBackAsTheValue, { reason: 'an object', list: [1, 2] });
test(comesBackAsTheValue, undefined);
test(comesBackAsTheValue, null);

test('a thrown value that cannot cross comes back as its text', (t) => {
  t.is(roundTrip(Symbol('odd')), 'Symbol(odd)');
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
