/**
 * A worker command that dies mid-chunk (SIGKILL): BullMQ sees its job's lock lapse, and the pool rejects the
 * chunk with a WorkerCrashedError naming that worker's host and pid, within lock-duration + stalled-interval
 * (here 3 s + 1 s), never silently and never by running it again.
 */
import test from 'ava';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { markThenSleep, square } from './fixtures/cluster-tasks.js';
import { explainSkip, freshQueue, redisTest, REDIS_URL, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

// Short, but not so short that a loaded machine's late lock renewal looks like a death.
const FAST_STALL = ['--processes', '1', '--lock-duration', '3000', '--stalled-interval', '1000'];
const clusterTest = redisTest(test);

clusterTest('fault: cluster: a worker command SIGKILLed mid-chunk fails that chunk with WorkerCrashedError naming its host and pid; the pool goes on', async (t) => {
  const queue = freshQueue();
  const dir = mkdtempSync(join(tmpdir(), 'mp-stall-'));
  const workers: WorkerCommandHandle[] = [];
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue } });
  try {
    const victim = await startWorkerCommand(queue, FAST_STALL);
    workers.push(victim);
    const marker = join(dir, 'started');
    const result = pool.apply(markThenSleep, [marker, 60_000]);
    const deadline = Date.now() + 30_000;
    while (!existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    t.true(existsSync(marker), 'the task started on the first worker command');
    // The survivor's stalled-job checker is what notices the victim's lapsed lock.
    const survivor = await startWorkerCommand(queue, FAST_STALL);
    workers.push(survivor);
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    const error = await t.throwsAsync(result, { instanceOf: WorkerCrashedError });
    const detectedMs = Date.now() - killedAt;
    t.is(error.pid, victim.pid);
    t.regex(error.message, new RegExp(`multiproc worker on ${hostname()} \\(pid ${victim.pid}\\)`));
    // Far from the figure (3–4 s): a hang or a detection left to BullMQ's 30 s defaults, not a timing.
    t.true(detectedMs < 20_000, `detected after ${detectedMs} ms`);
    report(t, {
      section: 'fault',
      tried: 'cluster pool: the worker command running a chunk SIGKILLed (lock-duration 3000 ms, stalled-interval 1000 ms)',
      outcome: `WorkerCrashedError naming ${hostname()} and the killed pid; the chunk was not run again; the pool went on`,
      figures: { 'detected after SIGKILL (ms)': detectedMs },
    });
    // The pool goes on, on the survivor.
    t.deepEqual(await pool.map(square, [1, 2, 3]), [1, 4, 9]);
  } finally {
    pool.terminate();
    await pool.join();
    await Promise.all(workers.map((worker) => worker.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
});
