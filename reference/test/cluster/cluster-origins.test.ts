/**
 * A task that throws on a worker command: its error, rebuilt in the parent, says where it really ran. The pool's
 * cluster slot has no process (pid 0), so the origin (`raisedIn`, and the line below the stack) names the remote
 * host and the pid of the worker command's process that ran the chunk, and the worker command itself.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Pool, SerializationError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { throwWithPid, unsendableWithPid } from './fixtures/fault-tasks.js';
import { CLUSTER_TASKS, explainSkip, freshQueue, redisTest, REDIS_URL, startWorkerCommand, CONNECT_MS } from './cluster-helpers.js';
import { FAULT_TASKS } from './fault-helpers.js';

assertNoOrphans(test);
explainSkip();

/** The parent pid of a process of this machine (a worker command's local child). */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

redisTest(test)('cluster: a task error\'s origin names the remote host, the pid of the process that ran it, and its worker command', async (t) => {
  const queue = freshQueue();
  const worker = await startWorkerCommand(queue, ['--processes', '1'], [CLUSTER_TASKS, FAULT_TASKS]);
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue, connectTimeoutMs: CONNECT_MS } });
  try {
    const error = await t.throwsAsync(pool.map(throwWithPid, [0, 1, 2, 3], 2), { instanceOf: RangeError });
    const item = Number(/^item (\d+)/.exec(error.message)![1]);
    const ran = Number(/in pid (\d+)$/.exec(error.message)![1]);
    // The process that threw is the worker command's child, not the pool's slot (pid 0) nor this process.
    t.is(parentOf(ran), worker.pid);
    const at = `worker process pid ${ran} on ${hostname()} (multiproc worker ${hostname()}:${worker.pid}) on item ${item} of job 0`;
    t.deepEqual((error as { raisedIn?: unknown }).raisedIn, {
      where: at, process: `multiproc worker ${hostname()}:${worker.pid}`, pid: ran, host: hostname(), job: 0, index: item,
    });
    t.true(error.stack!.endsWith(`--- raised in ${at}, re-raised in the parent`), error.stack);
  } finally {
    pool.terminate();
    await pool.join();
    await worker.stop();
  }
});

redisTest(test)('cluster: a result that cannot be sent back names where it ran too, not the slot\'s pid 0', async (t) => {
  const queue = freshQueue();
  const worker = await startWorkerCommand(queue, ['--processes', '1'], [CLUSTER_TASKS, FAULT_TASKS]);
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue, connectTimeoutMs: CONNECT_MS } });
  try {
    const error = await t.throwsAsync(pool.apply(unsendableWithPid, [0]), { instanceOf: SerializationError });
    const origin = (error.cause as { raisedIn?: { pid: number; host: string; process: string } }).raisedIn;
    t.is(parentOf(origin?.pid ?? 0), worker.pid, JSON.stringify(origin));
    t.is(origin?.host, hostname());
    t.is(origin?.process, `multiproc worker ${hostname()}:${worker.pid}`);
  } finally {
    pool.terminate();
    await pool.join();
    await worker.stop();
  }
});
