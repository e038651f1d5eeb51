/**
 * Generators of what crosses to workers: every kind of value structured clone keeps, with the edge cases
 * biased in (-0, NaN, ±Infinity, lone surrogates, invalid dates, holes, typed-array views at an offset).
 * Each arbitrary carries a short name that reports/properties.md lists under "generators".
 */
import fc from 'fast-check';

/** An arbitrary and the name the report gives it. */
export interface Named<T> {
  readonly name: string;
  readonly arb: fc.Arbitrary<T>;
}
const named = <T>(name: string, arb: fc.Arbitrary<T>): Named<T> => ({ name, arb });

export const integers = named('integer', fc.oneof(fc.integer(), fc.maxSafeInteger()));

/** fc.double() already yields -0, NaN and ±Infinity now and then; these make them frequent. */
export const floats = named(
  'double (-0, NaN, ±Infinity frequent)',
  fc.oneof({ weight: 4, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.constantFrom(-0, 0, Number.NaN, Infinity, -Infinity, Number.MIN_VALUE) }),
);

/** Any code point (unit 'binary'), or any UTF-16 code unit, so that lone surrogates come up too. */
export const strings = named(
  'string (any code point or UTF-16 unit)',
  fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })),
);

export const bigints = named('bigint', fc.bigInt());

/** Valid dates over the whole range, and invalid ones (fast-check 4 generates `new Date(NaN)` by default). */
export const dates = named('Date (incl. invalid)', fc.date());

const views = fc.uint8Array({ minLength: 2 }).chain((bytes) =>
  fc.integer({ min: 0, max: bytes.length }).map((offset) => new Uint8Array(bytes.buffer, offset, bytes.length - offset)),
);

export const typedArrays = named(
  'typed arrays (11 kinds, offset views)',
  fc.oneof(
    fc.int8Array(), fc.uint8Array(), fc.uint8ClampedArray(), fc.int16Array(), fc.uint16Array(), fc.int32Array(),
    fc.uint32Array(), fc.float32Array(), fc.float64Array(), fc.bigInt64Array(), fc.bigUint64Array(), views,
  ),
);

const scalars = fc.oneof(integers.arb, floats.arb, strings.arb, bigints.arb, dates.arb, fc.boolean(), fc.constant(null), fc.constant(undefined));

export const maps = named('Map', fc.array(fc.tuple(scalars, scalars), { maxLength: 5 }).map((entries) => new Map(entries)));
export const sets = named('Set', fc.array(scalars, { maxLength: 5 }).map((values) => new Set(values)));

/**
 * Nested objects and arrays (with holes) holding any of the above, boxed primitives and regular expressions,
 * up to depth 3. Keys are strings with any code point.
 */
export const nested = named(
  'nested objects/arrays (holes, boxed, RegExp)',
  fc.anything({
    maxDepth: 3,
    maxKeys: 4,
    key: strings.arb,
    values: [scalars, typedArrays.arb, maps.arb, sets.arb, fc.constantFrom(/a+b/giu, /^$/, /[\u{1F600}-\u{1F64F}]/u)],
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withSparseArray: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
  }),
);

/** Any value of the kinds above. */
export const values = named(
  'values (integer, double, string, bigint, Date, typed array, Map, Set, nested)',
  fc.oneof(integers.arb, floats.arb, strings.arb, bigints.arb, dates.arb, typedArrays.arb, maps.arb, sets.arb, nested.arb),
);

/** Arrays of inputs: short, as every run is a round trip; empty ones included. */
export const inputs = <T>(item: fc.Arbitrary<T>, maxLength = 12) => fc.array(item, { maxLength });

/** Pool sizes the properties cover. */
export const processCounts = named('processes 1..4', fc.integer({ min: 1, max: 4 }));

/** A chunksize for `n` items: 1..n+1, or left out (Python's default, ~4 chunks per worker). */
export const chunksizeFor = (n: number) => fc.option(fc.integer({ min: 1, max: n + 1 }), { nil: undefined });

/** Delays for async tasks: 0..4 ms, enough to reorder finishing without slowing runs. */
export const delays = named('delay 0..4 ms', fc.integer({ min: 0, max: 4 }));
