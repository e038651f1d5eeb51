/**
 * The cluster pool's default chunksize end to end (chunk-sizer.ts): each chunk's compute time comes back with its
 * result, and later maps of the same function are cut to about 40 ms of work per chunk. Counted in jobs, with
 * BullMQ's own Queue on the pool's queue, never by the clock: trivial work becomes fewer, larger jobs than slow
 * work of the same length, where Python's heuristic sends the same number for both.
 */
import test from 'ava';
import type { Queue } from 'bullmq';
import { redisOptions } from '../../src/backend/bullmq/cluster-options.js';
import { defaultChunksize } from '../../src/pool/chunking.js';
import { MAX_CHUNK_MS } from '../../src/backend/bullmq/chunk-sizer.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { square, valueAfter } from './fixtures/cluster-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest, REDIS_URL } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const queue = freshQueue();
const cluster = clusterForFile(test, queue, [[['--processes', '2']]], 2);
const clusterTest = redisTest(test);
let counter: Queue | undefined;

test.after.always(async () => {
  await counter?.close();
});

/** The jobs `run` added to the pool's queue (the tests of this file run one at a time, on a queue of their own). */
async function jobsOf(run: () => Promise<unknown>): Promise<number> {
  if (counter === undefined) {
    const { Queue } = await import('bullmq');
    counter = new Queue(queue, { connection: redisOptions(REDIS_URL!) });
  }
  const count = async (): Promise<number> => {
    const counts = await counter!.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };
  const before = await count();
  await run();
  return (await count()) - before;
}

clusterTest('cluster: with no chunksize, a map of trivial work sends fewer, larger jobs than a map of slow work of the same length', async (t) => {
  const pool = cluster.pool!;
  const n = 400;
  const ints = Array.from({ length: n }, (_, i) => i);
  const slow = ints.map((i): [number, number] => [i, 2]);
  // First maps: no chunk time yet for either function.
  await pool.map(square, ints);
  await pool.starmap(valueAfter, slow);
  const trivialJobs = await jobsOf(async () => t.deepEqual(await pool.map(square, ints), ints.map(square)));
  const slowJobs = await jobsOf(async () => t.deepEqual(await pool.starmap(valueAfter, slow), ints));
  t.log(`trivial: ${trivialJobs} jobs; slow (2 ms an item): ${slowJobs} jobs; Python's heuristic: ${Math.ceil(n / defaultChunksize(n, 2))}`);
  t.true(trivialJobs < slowJobs, `trivial work sent ${trivialJobs} jobs, slow work ${slowJobs}`);
  // Items of 2 ms or more: no chunk over MAX_CHUNK_MS of work, so at most MAX_CHUNK_MS / 2 items a chunk.
  t.true(slowJobs >= n / (MAX_CHUNK_MS / 2), `slow work sent ${slowJobs} jobs`);
});

clusterTest('cluster: an explicit chunksize always wins over the measured one', async (t) => {
  const ints = Array.from({ length: 1000 }, (_, i) => i);
  await cluster.pool!.map(square, ints);
  t.is(await jobsOf(() => cluster.pool!.map(square, ints, 100)), 10);
  t.is(await jobsOf(() => cluster.pool!.map(square, ints, 1000)), 1);
});
