/**
 * A cluster chunk's run of 32-bit integers crosses as an Int32Array, half the bytes of the Float64Array the pool
 * packs it into (narrow-ints.ts), and arrives as the same Float64Array; any other number keeps the 8 bytes.
 */
import test from 'ava';
import { serialize } from 'node:v8';
import { decodeItems, encodeItems } from '../../src/backend/bullmq/job-codec.js';
import { narrowInts } from '../../src/backend/bullmq/narrow-ints.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const wide = (values: Float64Array): number => Buffer.from(serialize(values)).toString('base64').length;

test('cluster: a chunk of 32-bit integers crosses in about half the bytes and arrives as the same Float64Array', (t) => {
  const ints = Float64Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? i * 1000 : -i));
  ints[1] = 2 ** 31 - 1;
  ints[3] = -(2 ** 31);
  const payload = encodeItems(ints);
  t.true(payload.length < wide(ints) * 0.55, `${payload.length} vs ${wide(ints)}`);
  const back = decodeItems(payload);
  t.true(back instanceof Float64Array);
  t.deepEqual(back, ints);
});

test('cluster: a chunk with any number that is not a 32-bit integer (-0 too) keeps its 8 bytes a number, exactly', (t) => {
  for (const odd of [-0, 2 ** 31, -(2 ** 31) - 1, 0.5, Number.NaN, Infinity, 1e300]) {
    const values = Float64Array.from([1, 2, odd, 4]);
    t.is(narrowInts(values), undefined, String(odd));
    const back = decodeItems(encodeItems(values)) as Float64Array;
    t.true(back instanceof Float64Array);
    t.true(Object.is(back[2], odd), `${odd} came back as ${back[2]}`);
  }
  // Not a run of numbers: an array crosses as it is.
  t.deepEqual(decodeItems(encodeItems([1, 'a', -0])), [1, 'a', -0]);
});
