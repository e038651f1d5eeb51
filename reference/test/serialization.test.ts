import test, { type ExecutionContext } from 'ava';
import { SerializationError } from '../src/errors.js';
import { assertSerializable, isSerializable } from '../src/serialization.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const label = (index: number) => `Process argument args[${index}]`;

const passes = test.macro({
  exec(t: ExecutionContext, _what: string, value: unknown) {
    t.notThrows(() => assertSerializable(['first', value], label));
    t.true(isSerializable(value));
  },
  title: (_provided, what) => `${what} can be sent`,
});

test(passes, 'a BigInt', 2n ** 100n);
test(passes, 'a Map', new Map([[1, 'one']]));
test(passes, 'a Set', new Set(['a', 'b']));
test(passes, 'a Date', new Date(0));
test(passes, 'a RegExp', /x+/g);
test(passes, 'a Uint8Array', new Uint8Array([1, 2, 3]));
test(passes, 'a Float64Array', new Float64Array([1.5, -0]));
test(passes, 'a BigInt64Array', new BigInt64Array([1n, -1n]));
test(passes, 'an ArrayBuffer', new ArrayBuffer(8));
test(passes, 'an Error', new TypeError('sent as a value'));
test(passes, 'a nested object', { a: [1, { b: new Map([['c', new Set([new Date(1)])]]) }], d: null, e: undefined });
test(passes, 'a cyclic object', (() => {
  const node: { self?: unknown } = {};
  node.self = node;
  return node;
})());

const fails = test.macro({
  exec(t: ExecutionContext, _what: string, value: unknown) {
    const error = t.throws(() => assertSerializable(['fine', value, 'also fine'], label), { instanceOf: SerializationError });
    t.true(error instanceof TypeError);
    t.is(error?.name, 'SerializationError');
    t.true(error?.message.startsWith('Process argument args[1] cannot be sent to another process: '));
    t.false(isSerializable(value));
  },
  title: (_provided, what) => `${what} in position 1 is named args[1]`,
});

test(fails, 'a function', function callback() {});
test(fails, 'a symbol', Symbol('token'));
test(fails, 'a Promise', Promise.resolve(1));
test(fails, 'an object holding a function', { onDone: () => undefined });
class Counter {
  increment(): void {}
}
test(fails, 'a class method', new Counter().increment);
// Defects 15 and 16 of issue 14: V8 writes these and cannot read them back.
const selfCaused = () => {
  const error = new Error('loop');
  error.cause = error;
  return error;
};
test(fails, 'an Error that is its own cause', selfCaused());
test(fails, 'an object holding an Error that is its own cause', { detail: selfCaused() });
test(fails, 'two Errors each the cause of the other', (() => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  a.cause = b;
  return [a];
})());

test('defect 15: a value V8 cannot read back is named with the reason, not only V8\'s words', (t) => {
  const error = t.throws(() => assertSerializable([selfCaused()], label), { instanceOf: SerializationError });
  t.regex(error?.message ?? '', /^Process argument args\[0\] cannot be sent to another process: Unable to deserialize cloned data \(it holds an Error that is its own cause/);
});

test('the message names the value, says why and what can cross, to the letter', (t) => {
  const error = t.throws(() => assertSerializable([1, Symbol('token')], label), { instanceOf: SerializationError });
  t.is(
    error?.message,
    'Process argument args[1] cannot be sent to another process: Symbol(token) could not be cloned.; values cross ' +
      'to another process by structured clone (Python: they must be picklable): primitives, BigInt, plain objects, ' +
      'arrays, Map, Set, Date, RegExp, typed arrays and errors can; functions, symbols, class methods, promises ' +
      'and handles cannot',
  );
  t.true(error?.cause instanceof Error);
});

test('the first value that cannot cross is the one named', (t) => {
  t.throws(() => assertSerializable([() => 1, Symbol('later')], label), {
    instanceOf: SerializationError,
    message: /^Process argument args\[0\] /,
  });
});

test('an empty list passes', (t) => {
  t.notThrows(() => assertSerializable([], label));
});
