/**
 * Jobs put on a cluster pool's queue by hand (anyone who can write to that Redis can), with BullMQ's own Queue:
 * a worker command refuses each one that is not a chunk it can run, reports it (a stderr line naming the job,
 * and the job failed with the reason), and runs nothing of it: a task the module does not register, data of
 * another layout, and a module it was not started with, which it must not even import (that module leaves a
 * mark when imported).
 */
import test from 'ava';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Job } from 'bullmq';
import { Pool } from '../../src/index.js';
import { redisOptions } from '../../src/backend/bullmq/cluster-options.js';
import { CHUNK_JOB, encodeItems, JOB_VERSION } from '../../src/backend/bullmq/job-codec.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { square } from './fixtures/cluster-tasks.js';
import { CLUSTER_TASKS, explainSkip, freshQueue, redisTest, REDIS_URL, startWorkerCommand } from './cluster-helpers.js';
import { waitFor } from '../pool/helpers.js';

assertNoOrphans(test);
explainSkip();

const MARKED = modulePath(import.meta.url, './fixtures/import-marker');

redisTest(test)('fault: cluster: jobs put on the queue by hand that name no registered task, or are not chunks, are refused, reported and never run', async (t) => {
  const queue = freshQueue();
  const dir = mkdtempSync(join(tmpdir(), 'mp-badjob-'));
  const mark = join(dir, 'imported');
  // The worker command inherits it: importing the marked module would write this file.
  process.env['MULTIPROC_TEST_IMPORT_MARK'] = mark;
  const worker = await startWorkerCommand(queue, ['--processes', '1']);
  const { Queue } = await import('bullmq');
  const byHand = new Queue(queue, { connection: redisOptions(REDIS_URL!) });
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue } });
  try {
    const tasks = pathToFileURL(CLUSTER_TASKS).href;
    const items = encodeItems([[3]]);
    const jobs: [Job, RegExp][] = [
      [await byHand.add(CHUNK_JOB, { v: JOB_VERSION, m: tasks, k: 'notRegistered', s: true, p: items }), /registers no task named "notRegistered"/],
      [await byHand.add(CHUNK_JOB, { v: JOB_VERSION, m: tasks, k: 'constructor', s: true, p: items }), /registers no task named "constructor"/],
      [await byHand.add(CHUNK_JOB, { v: JOB_VERSION, m: pathToFileURL(MARKED).href, k: 'square', s: true, p: items }), /not started with the task module .*import-marker/],
      [await byHand.add(CHUNK_JOB, { v: 99, m: tasks, k: 'square', s: true, p: items }), /layout 99/],
      [await byHand.add(CHUNK_JOB, { v: JOB_VERSION, m: tasks }), /lacks the task/],
      [await byHand.add(CHUNK_JOB, 'rm -rf /'), /not an object/],
    ];
    const failed = async (job: Job): Promise<Job | undefined> => {
      const now = await byHand.getJob(job.id!);
      return now?.finishedOn !== undefined ? now : undefined;
    };
    for (const [job, reason] of jobs) {
      let ended: Job | undefined;
      await waitFor(async () => (ended = await failed(job)) !== undefined, 30_000, `job ${job.id} to end`);
      t.truthy(ended, `job ${job.id} ended`);
      t.regex(ended?.failedReason ?? '', /^refused: /, `job ${job.id} failed as refused`);
      t.regex(ended?.failedReason ?? '', reason);
      t.is(ended?.returnvalue ?? null, null, `job ${job.id} returned nothing`);
    }
    await waitFor(() => jobs.every(([job]) => worker.stderr().includes(`refused job ${job.id} of queue ${queue}`)), 10_000, 'a stderr line per refused job');
    t.false(existsSync(mark), 'the module the worker was not started with was never imported');
    // The worker command goes on serving the pool.
    t.deepEqual(await pool.map(square, [1, 2, 3]), [1, 4, 9]);
  } finally {
    pool.terminate();
    await pool.join();
    await byHand.close();
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
