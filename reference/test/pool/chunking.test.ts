import test from 'ava';
import { checkChunksize, defaultChunksize } from '../../src/pool/chunking.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** [length, processes, chunksize] as CPython computes it: divmod(len, processes * 4), +1 if remainder; 0 if empty. */
const PYTHON_TABLE: readonly (readonly [number, number, number])[] = [
  [0, 1, 0],
  [0, 4, 0],
  [1, 1, 1],
  [1, 4, 1],
  [3, 1, 1],
  [4, 1, 1],
  [5, 1, 2],
  [7, 2, 1],
  [8, 2, 1],
  [9, 2, 2],
  [10, 2, 2],
  [12, 3, 1],
  [13, 3, 2],
  [16, 2, 2],
  [17, 2, 3],
  [100, 4, 7],
  [1000, 8, 32],
  [99_999, 3, 8334],
  [100_000, 2, 12_500],
];

for (const [length, processes, expected] of PYTHON_TABLE) {
  test(`defaultChunksize(${length}, ${processes}) is ${expected}, as CPython's Pool._map_async computes it`, (t) => {
    t.is(defaultChunksize(length, processes), expected);
  });
}

test('defaultChunksize agrees with divmod for every length up to 200 on 1 to 5 processes', (t) => {
  for (let processes = 1; processes <= 5; processes++) {
    for (let length = 0; length <= 200; length++) {
      const quotient = Math.trunc(length / (processes * 4));
      const python = length === 0 ? 0 : quotient + (length % (processes * 4) === 0 ? 0 : 1);
      t.is(defaultChunksize(length, processes), python, `length ${length}, processes ${processes}`);
    }
  }
});

for (const bad of [0, -1, 1.5]) {
  test(`checkChunksize rejects ${bad} with Python's message`, (t) => {
    t.throws(() => checkChunksize(bad), {
      instanceOf: RangeError,
      message: `Chunksize must be 1+, not ${bad}: pass a positive integer or leave it out`,
    });
  });
}

test('checkChunksize rejects NaN and Infinity, and returns a valid chunksize unchanged', (t) => {
  t.throws(() => checkChunksize(Number.NaN), { instanceOf: RangeError, message: /^Chunksize must be 1\+, not NaN: / });
  t.throws(() => checkChunksize(Infinity), { instanceOf: RangeError, message: /^Chunksize must be 1\+, not Infinity: / });
  t.is(checkChunksize(1), 1);
  t.is(checkChunksize(64), 64);
});
