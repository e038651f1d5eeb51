/**
 * The cluster pool's default chunksize (chunk-sizer.ts), given chunk times rather than measuring them: chunks of
 * about 40 ms of work, every worker fed while each would get 10 ms or more, never over 50 ms of estimated work
 * in one chunk, and the first map of a function (no time yet) cut by Python's heuristic, capped in items.
 */
import test from 'ava';
import { ChunkSizer, FIRST_MAP_ITEMS, MAX_CHUNK_MS, MIN_SHARE_MS, sizeChunks, TARGET_MS } from '../../src/backend/bullmq/chunk-sizer.js';
import { defaultChunksize } from '../../src/pool/chunking.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** The chunks a map of `length` items is cut into at `size`. */
const chunksOf = (length: number, size: number): number => Math.ceil(length / size);

test('cluster chunksize: the first map of a function is cut by Python\'s heuristic, at most FIRST_MAP_ITEMS a chunk', (t) => {
  t.is(sizeChunks(100, 2, undefined), defaultChunksize(100, 2));
  t.is(sizeChunks(200_000, 2, undefined), FIRST_MAP_ITEMS);
  t.is(sizeChunks(0, 2, undefined), 0);
  t.is(sizeChunks(0, 2, 1), 0);
});

test('cluster chunksize: measured items get chunks of about TARGET_MS of work', (t) => {
  // 1 ms an item, 10,000 items on 4 workers: 40 items (40 ms) a chunk, where Python's heuristic gives 625 (625 ms).
  t.is(sizeChunks(10_000, 4, 1), TARGET_MS);
  t.is(defaultChunksize(10_000, 4), 625);
  // 0.01 ms an item: 4,000 items.
  t.is(sizeChunks(100_000, 2, 0.01), 4000);
  // An item slower than the target is a chunk of its own.
  t.is(sizeChunks(50, 2, 200), 1);
});

test('cluster chunksize: trivial work becomes few large chunks, never fewer than the workers while each gets MIN_SHARE_MS', (t) => {
  // 200k tiny ints at 0.1 µs: 20 ms in all, two workers, 10 ms each: 2 chunks, where Python's heuristic makes 8.
  t.is(chunksOf(200_000, sizeChunks(200_000, 2, 1e-4)), 2);
  t.is(chunksOf(200_000, defaultChunksize(200_000, 2)), 8);
  // 5 ms in all: not worth two jobs.
  t.is(chunksOf(50_000, sizeChunks(50_000, 2, 1e-4)), 1);
  // 30 ms in all on 8 workers: 3 chunks of 10 ms, not 8 of 4 ms.
  t.is(chunksOf(300_000, sizeChunks(300_000, 8, 1e-4)), 3);
  // Enough work for all: every worker gets one at least.
  const size = sizeChunks(1000, 8, 1);
  t.true(chunksOf(1000, size) >= 8);
  t.true(size * 1 <= MAX_CHUNK_MS);
  t.true(MIN_SHARE_MS < TARGET_MS && TARGET_MS < MAX_CHUNK_MS);
});

test('cluster chunksize: no chunk holds more than MAX_CHUNK_MS of estimated work, whatever the share', (t) => {
  for (const msPerItem of [1e-5, 1e-3, 0.07, 1, 3, 49, 51, 1000]) {
    for (const processes of [1, 2, 3, 16]) {
      for (const length of [1, 7, 100, 12_345, 1_000_000]) {
        const size = sizeChunks(length, processes, msPerItem);
        t.true(size >= 1 && size <= length, `${length} items, ${processes}, ${msPerItem} ms: ${size}`);
        t.true(size === 1 || size * msPerItem <= MAX_CHUNK_MS, `${length} items, ${processes}, ${msPerItem} ms: ${size}`);
      }
    }
  }
});

test('cluster chunksize: the estimate is kept per function and follows its recent chunks', (t) => {
  const sizer = new ChunkSizer();
  t.is(sizer.msPerItem(1), undefined);
  t.is(sizer.size(1, 200_000, 2), FIRST_MAP_ITEMS);
  sizer.record(1, 1000, 1000);
  t.is(sizer.msPerItem(1), 1);
  t.is(sizer.size(1, 10_000, 4), TARGET_MS);
  // Another function is not sized by this one's time.
  t.is(sizer.msPerItem(2), undefined);
  // The function became 100 times faster: after a few chunks the estimate is close to the new time.
  for (let i = 0; i < 6; i++) sizer.record(1, 1000, 10);
  t.true(sizer.msPerItem(1)! < 0.03, `${sizer.msPerItem(1)}`);
  // A chunk without a time (or none of its items) changes nothing.
  sizer.record(1, 0, 5);
  sizer.record(1, 10, Number.NaN);
  t.true(sizer.msPerItem(1)! < 0.03);
});
