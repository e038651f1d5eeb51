/**
 * add-jobs.ts: one chunk job is added with Queue.add (no MULTI pipeline to build), several with one addBulk; on
 * Redis both give jobs the backend can follow (ids, creation times, data, options, in order).
 */
import test from 'ava';
import type { Job, Queue } from 'bullmq';
import { addJobs, type JobSpec } from '../../src/backend/bullmq/add-jobs.js';
import { redisOptions } from '../../src/backend/bullmq/cluster-options.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { explainSkip, freshQueue, REDIS_URL, redisTest } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const spec = (x: number): JobSpec<{ x: number }> => ({ name: 'chunk', data: { x }, opts: { removeOnComplete: { age: 60 } } });

/** A queue that records which of its methods was called, with what. */
function recordingQueue(): { queue: Queue; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const job = (x: unknown) => ({ id: String(calls.length), data: x }) as unknown as Job;
  const queue = {
    add: async (...args: unknown[]) => { calls.push(['add', ...args]); return job(args[1]); },
    addBulk: async (jobs: JobSpec<unknown>[]) => { calls.push(['addBulk', jobs]); return jobs.map((j) => job(j.data)); },
  } as unknown as Queue;
  return { queue, calls };
}

test('one job goes through Queue.add, with its name, data and options', async (t) => {
  const { queue, calls } = recordingQueue();
  const added = await addJobs(queue, [spec(7)]);
  t.deepEqual(calls, [['add', 'chunk', { x: 7 }, { removeOnComplete: { age: 60 } }]]);
  t.deepEqual(added.map((job) => job.data), [{ x: 7 }]);
});

test('several jobs go through one addBulk, in order', async (t) => {
  const { queue, calls } = recordingQueue();
  const added = await addJobs(queue, [spec(1), spec(2), spec(3)]);
  t.is(calls.length, 1);
  t.is(calls[0]![0], 'addBulk');
  t.deepEqual(added.map((job) => job.data), [{ x: 1 }, { x: 2 }, { x: 3 }]);
});

redisTest(test)('cluster: on Redis, a single add and a bulk add both give jobs with ids, creation times and their data, in order', async (t) => {
  const { Queue } = await import('bullmq');
  const queue = new Queue(freshQueue(), { connection: redisOptions(REDIS_URL!) });
  try {
    const [one] = await addJobs(queue, [spec(1)]);
    const bulk = await addJobs(queue, [spec(2), spec(3)]);
    for (const job of [one!, ...bulk]) {
      t.truthy(job.id);
      t.true(job.timestamp > 0);
      t.deepEqual((await queue.getJob(job.id!))?.data, job.data);
    }
    t.deepEqual([one!, ...bulk].map((job) => job.data.x), [1, 2, 3]);
    t.deepEqual(await queue.getJobCounts('waiting'), { waiting: 3 });
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
