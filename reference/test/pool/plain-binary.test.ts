/**
 * Results that are typed arrays cross as they are (plain-binary.ts): the worker no longer serializes them into
 * bytes of its own that Node then copies again into its message (issue 20, e). What still needs the careful path
 * takes it: a subclass (a registered class may extend Uint8Array), a view of a SharedArrayBuffer, an object.
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { packResults, readResults } from '../../src/pool/bytes.js';
import { isPlainBinary } from '../../src/pool/plain-binary.js';
import type { ChunkResult } from '../../src/backend/protocol.js';
import { identity } from './fixtures/pool-tasks.js';
import { RUN_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const done = (seq: number, values: unknown[]): ChunkResult => ({ seq, ok: true, values });

test('results of typed arrays, ArrayBuffers and Buffers go as values, not as bytes the worker serialized', (t) => {
  const values = [new Uint8Array([1, 2, 3]), Buffer.from('abc'), new Float32Array([0.5]), new ArrayBuffer(4), new DataView(new ArrayBuffer(2)), 7, null];
  const packed = packResults([done(0, values), done(1, [new BigInt64Array([1n])])]);
  t.false(packed instanceof Uint8Array, 'the results were serialized by the worker');
  const read = readResults(packed, 2);
  t.true('results' in read);
  if (!('results' in read)) return;
  t.deepEqual(read.results[0]!.values, values);
});

test('a subclass of Uint8Array or a view of a SharedArrayBuffer takes the careful path', (t) => {
  class Tagged extends Uint8Array {}
  t.false(isPlainBinary(new Tagged(2)));
  t.false(isPlainBinary(new Uint8Array(new SharedArrayBuffer(8))));
  t.true(isPlainBinary(new Uint8Array(8)));
  t.true(isPlainBinary(Buffer.alloc(8)));
  t.true(isPlainBinary(new ArrayBuffer(8)));
  // One such value among plain ones sends the whole message the careful way.
  t.true(packResults([done(0, [new Uint8Array(2), new Tagged(2)])]) instanceof Uint8Array);
  t.true(packResults([done(0, [new Uint8Array(2), { a: 1 }])]) instanceof Uint8Array);
});

test('through a pool, each binary value comes back as the kind it went, with its bytes', async (t) => {
  const pool = new Pool({ processes: 1 });
  t.teardown(() => pool.terminate());
  const sent = [Buffer.from('buffer'), new Uint8Array([1, 2, 255]), new Float64Array([-0, Math.PI]), new Uint8Array(2 ** 20).fill(7)];
  const back = await within(pool.map(identity, sent), RUN_MS, 'map(identity) over binary values');
  t.true(Buffer.isBuffer(back[0]), 'a Buffer comes back a Buffer');
  t.is(Object.getPrototypeOf(back[1]), Uint8Array.prototype);
  t.deepEqual(back, sent);
});
