/**
 * A chunk's small result is published before BullMQ's moveToFinished (early-result.ts), so the pool may have it
 * while Redis still holds the job as running. A worker command that dies in between must deliver that chunk once:
 * never lost (the pool has the result), never twice (the stall BullMQ then reports must not send an idempotent
 * call's chunk again, nor fail the call).
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from '../../src/index.js';
import { redisOptions } from '../../src/backend/bullmq/cluster-options.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { report } from '../../../test-support/reliability.js';
import { square } from './fixtures/cluster-tasks.js';
import { executions, recordedSquare } from './fixtures/fault-tasks.js';
import { CLUSTER_TASKS, explainSkip, freshQueue, redisTest, REDIS_URL, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';
import { FAULT_TASKS } from './fault-helpers.js';
import { waitFor } from '../pool/helpers.js';

assertNoOrphans(test);
explainSkip();

const DIE_AFTER_PUBLISH = modulePath(import.meta.url, './fixtures/die-after-publish');
// The victim's lock lapses 2 s after it took the chunk (it is dead by then: no renewal can be late); the survivor
// checks every 500 ms, and keeps a lock as long as cluster-faults.test.ts's for the one chunk it runs.
const VICTIM = ['--processes', '1', '--lock-duration', '2000'];
const SURVIVOR = ['--processes', '1', '--lock-duration', '5000', '--stalled-interval', '500'];

/** `promise`'s value, or `otherwise` once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number, otherwise: string): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(resolve, ms, otherwise)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

redisTest(test)('fault: cluster: a worker command SIGKILLed right after it published a chunk\'s result: the chunk is delivered once, never run again, and its stall is ignored', async (t) => {
  const queue = freshQueue();
  const dir = mkdtempSync(join(tmpdir(), 'mp-early-'));
  const workers: WorkerCommandHandle[] = [];
  const { Queue } = await import('bullmq');
  const inRedis = new Queue(queue, { connection: redisOptions(REDIS_URL!) });
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue } });
  try {
    // The victim alone takes the chunk; it dies once it has published the result.
    const victim = await startWorkerCommand(queue, VICTIM, [CLUSTER_TASKS, FAULT_TASKS, DIE_AFTER_PUBLISH]);
    workers.push(victim);
    const died = new Promise<NodeJS.Signals | null>((resolve) => victim.child.once('exit', (_code, signal) => resolve(signal)));
    const startedAt = Date.now();
    // Idempotent: were the stall taken for a lost chunk, the pool would send it again, and the survivor would run it.
    const call = pool.apply(recordedSquare, [dir, 7, 0], undefined, { idempotent: true });
    const resultMs = call.then(() => Date.now() - startedAt, () => -1);
    t.is(await within(died, 10_000, 'still alive'), 'SIGKILL', 'the victim killed itself after publishing');
    // A live worker command notices the lapsed lock and fails the job (BullMQ's deferred failure: never run).
    workers.push(await startWorkerCommand(queue, SURVIVOR, [CLUSTER_TASKS, FAULT_TASKS]));
    t.is(await within(call, 30_000, 'no result within 30 s'), 49);
    await waitFor(async () => (await inRedis.getFailedCount()) === 1, 30_000, 'BullMQ to fail the stalled job');
    const [failed] = await inRedis.getFailed();
    t.regex(failed?.failedReason ?? '', /stalled/, 'Redis never saw the chunk complete: the pool had it from the early result alone');
    // Past the reconciler's next rounds (500 ms apart): nothing more arrives for the chunk, nothing runs again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const runs = executions(dir);
    t.deepEqual(runs.map(({ what, ppid }) => [what, ppid]), [['start', victim.pid], ['end', victim.pid]], 'item 7 ran once, on the victim');
    // The pool is still whole: the next call runs on the survivor.
    t.is(await pool.apply(square, [5]), 25);
    report(t, {
      section: 'fault',
      tried: 'a worker command SIGKILLed right after publishing a chunk\'s result, before BullMQ recorded it; an idempotent call',
      outcome: 'the call got its result once; BullMQ failed the job as stalled; the chunk never ran again',
      figures: { resultMs: await resultMs },
    });
  } finally {
    pool.terminate();
    await pool.join();
    await inRedis.obliterate({ force: true }).catch(() => undefined);
    await inRedis.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
});

redisTest(test)('cluster: a pool whose Redis user may use no pub/sub channel (ACL resetchannels) still gets its results, through BullMQ\'s events', async (t) => {
  const queue = freshQueue();
  const { path } = redisOptions(REDIS_URL!) as { path?: string };
  if (path === undefined) {
    t.pass('the private Redis is not on a Unix socket: redis-cli cannot be pointed at it here');
    return;
  }
  const user = `mp-nochannels-${process.pid}`;
  const cli = (...args: string[]): Promise<unknown> => promisify(execFile)('redis-cli', ['-s', path, ...args]);
  await cli('ACL', 'SETUSER', user, 'on', '>s3cret', '~*', 'resetchannels', '+@all');
  const worker = await startWorkerCommand(queue, ['--processes', '1']);
  const pool = new Pool({ processes: 1, cluster: { connection: { path, username: user, password: 's3cret' }, queue, connectTimeoutMs: 5000 } });
  try {
    t.is(await pool.apply(square, [6]), 36);
    t.deepEqual(await pool.map(square, [1, 2, 3]), [1, 4, 9]);
  } finally {
    pool.terminate();
    await pool.join();
    await worker.stop();
    await cli('ACL', 'DELUSER', user);
  }
});
