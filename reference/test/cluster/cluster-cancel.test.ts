/**
 * Cancellation and task timeouts on the cluster (issue 19): what the conformance rules cannot see. A chunk
 * still waiting in Redis is removed and never runs; a running one sees its signal fire on its worker command's
 * local pool; timeoutMs is counted there, from the chunk's start, and its TaskTimeoutError names the task, its
 * items and the remote pid. One worker command of one process, so that chunks wait in Redis behind a busy one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { AbortError, TaskTimeoutError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { markThenIgnore, waitForSignal } from './fixtures/cluster-cancel-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const TASKS = modulePath(import.meta.url, './fixtures/cluster-cancel-tasks');
const queue = freshQueue();
const cluster = clusterForFile(test, queue, [[['--processes', '1'], [TASKS]]], 2);
const dir = mkdtempSync(join(tmpdir(), 'mp-cluster-cancel-'));

test.after.always(() => rmSync(dir, { recursive: true, force: true }));

const clusterTest = redisTest(test);

/** Resolves once `path` exists (the task started), within 30 s. */
async function started(path: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} was not written within 30 s: the task never started`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

clusterTest('cluster: an aborted call\'s chunk still waiting in Redis is removed and never runs', async (t) => {
  const busy = join(dir, 'busy');
  const running = cluster.pool!.apply(markThenIgnore, [busy, 1500]);
  await started(busy);
  const queued = join(dir, 'queued');
  const controller = new AbortController();
  const call = cluster.pool!.apply(markThenIgnore, [queued, 0], undefined, { signal: controller.signal });
  // Long enough for its job to reach Redis (the abort must remove it there, not before it was sent).
  await new Promise((resolve) => setTimeout(resolve, 300));
  controller.abort(new Error('not needed'));
  await t.throwsAsync(call, { instanceOf: AbortError });
  await running;
  // The worker command is free again: a chunk sent now runs, and the aborted one has had every chance to.
  t.is(await cluster.pool!.apply(markThenIgnore, [join(dir, 'after'), 0]), Number(readFileSync(busy, 'utf8')));
  t.false(existsSync(queued), 'the aborted chunk ran on the worker command');
});

clusterTest('cluster: a running chunk sees currentTask().signal fire on its worker command, and its process is kept', async (t) => {
  const path = join(dir, 'signal');
  const controller = new AbortController();
  const call = cluster.pool!.apply(waitForSignal, [path, 20_000], undefined, { signal: controller.signal, graceMs: 20_000 });
  await started(path);
  controller.abort();
  await t.throwsAsync(call, { instanceOf: AbortError });
  await started(`${path}.seen`);
  t.is(readFileSync(`${path}.seen`, 'utf8'), 'AbortError');
  // The task returned within its grace: the same (only) process runs the next chunk.
  t.is(await cluster.pool!.apply(markThenIgnore, [join(dir, 'next'), 0]), Number(readFileSync(path, 'utf8')));
});

// Timed where it runs: the pool's own clock, which cannot see a chunk start (nor its module load) on another
// machine, would have failed it 10 s later with pid 0.
clusterTest('cluster: a chunk past its timeoutMs fails with a TaskTimeoutError naming the task, its items and the remote pid', async (t) => {
  const path = join(dir, 'slow');
  const error = await t.throwsAsync(cluster.pool!.starmap(waitForSignal, [[path, 20_000], [`${path}-2`, 20_000]], 2, { timeoutMs: 300 }),
    { instanceOf: TaskTimeoutError });
  t.is(error!.task, 'waitForSignal');
  t.is(error!.phase, 'running');
  t.is(error!.index, 0);
  t.is(error!.count, 2);
  t.is(error!.timeoutMs, 300);
  t.is(error!.pid, Number(readFileSync(path, 'utf8')));
  await started(`${path}.seen`);
  t.is(readFileSync(`${path}.seen`, 'utf8'), 'TaskTimeoutError');
});
