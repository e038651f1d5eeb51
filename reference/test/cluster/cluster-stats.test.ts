/**
 * pool.stats() of a cluster pool (issue 19): chunks completed and failed are counted as locally, and a chunk whose
 * remote process died running it counts as a crash (remote-crash.ts), while the slot that sent it goes on. The
 * conformance rule pool.stats.counts-tasks-and-recycles checks the same totals on the cluster adapter; this file
 * checks what it cannot see: a task error is no crash, the slots stay, and the pieces that need no Redis.
 */
import test from 'ava';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { encodeResult, ranIn } from '../../src/backend/bullmq/job-codec.js';
import { diedRunning, failedResult } from '../../src/backend/bullmq/remote-crash.js';
import { STALLED_REASON } from '../../src/backend/bullmq/stalled-retry.js';
import { RetirementReports, retirementsIn } from '../../src/backend/bullmq/remote-recycles.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { double, exitsHere, exitsOnTwo, hold, throwsHere, whoRuns } from './fixtures/cluster-stats-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest, REDIS_URL } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const TASKS = modulePath(import.meta.url, './fixtures/cluster-stats-tasks');
const queue = freshQueue();
clusterForFile(test, queue, [[['--processes', '2'], [TASKS]]]);
// One process: which process runs a chunk is then no choice, so a pid tells whether it was replaced.
const single = freshQueue();
clusterForFile(test, single, [[['--processes', '1'], [TASKS]]]);
const clusterTest = redisTest(test);

test('cluster: a chunk whose local process died comes back marked; any other failure does not', (t) => {
  const encoded = encodeResult([0, { values: [], failedAt: 0, error: { kind: 'value', value: 1 } }]);
  const crash = new WorkerCrashedError({ worker: 'PoolWorker-1', pid: 7, exitCode: 3, signal: null, job: 1, index: 0, count: 1 });
  t.deepEqual(failedResult(encoded, crash), { r: encoded, x: 1 });
  t.is(failedResult(encoded, new Error('a task error')), encoded);
  t.true(diedRunning({ returned: failedResult(encoded, crash) }));
  t.false(diedRunning({ returned: encoded }));
  t.false(diedRunning({ returned: { r: encoded, t: 3 } }));
  t.true(diedRunning({ failed: `${STALLED_REASON} (its lock lapsed)`, processedBy: 'vm:12' }), 'a chunk lost with its worker command');
  t.false(diedRunning({ failed: 'refused: unknown task', processedBy: 'vm:12' }));
  t.false(diedRunning({ error: new Error('Redis unreachable') }));
});

clusterTest('cluster: pool.stats() counts chunks, and a chunk whose remote process died as a crash, while its slot goes on', async (t) => {
  const pool = new Pool({ processes: 2, cluster: { connection: REDIS_URL!, queue } });
  try {
    t.deepEqual(await pool.map(double, [1, 2, 3, 4, 5, 6], 2), [2, 4, 6, 8, 10, 12]);
    await t.throwsAsync(pool.apply(throwsHere, [7]), { message: /thrown on purpose by item 7/ });
    let stats = pool.stats();
    t.like(stats, { completed: 3, failed: 1, running: 0, queued: 0, recycled: { tasks: 0, memory: 0, crash: 0, timeout: 0, cancel: 0 } }, 'a task error is no crash');
    const slots = stats.workers.map((worker) => worker.name);
    t.is(slots.length, 2);
    await t.throwsAsync(pool.apply(exitsHere, [3]), { instanceOf: WorkerCrashedError });
    stats = pool.stats();
    t.like(stats, { completed: 3, failed: 2, recycled: { tasks: 0, memory: 0, crash: 1, timeout: 0, cancel: 0 } });
    t.deepEqual(stats.workers.map((worker) => worker.name), slots, 'the slots are the same: the process that died was remote');
    t.is(await pool.apply(double, [21]), 42, 'the worker command\'s local pool replaced its process');
    t.is(pool.stats().completed, 4);
  } finally {
    pool.terminate();
    await pool.join();
  }
});

clusterTest('cluster: the crash error of a chunk whose remote process died names the chunk, its task and that process', async (t) => {
  const pool = new Pool({ processes: 2, cluster: { connection: REDIS_URL!, queue } });
  try {
    // Not its worker command's own call (task runClusterChunk, item 0): the pool's (remote-crash.ts nameTheChunk).
    const lost = await t.throwsAsync(pool.map(exitsOnTwo, [0, 1, 2, 3], 1), { instanceOf: WorkerCrashedError });
    t.like(lost, { task: 'exitsOnTwo', index: 2, count: 1, exitCode: 5, signal: null });
    t.regex(lost!.stderrTail, new RegExp(`process ${lost!.pid} leaves`), 'the pid is that of the process that died');
    t.regex(lost!.message, /^pool worker PoolWorker-\d+ of multiproc worker [^ ]+:\d+ \(pid \d+\) died with exit code 5 while running item 2 of job \d+ \(task exitsOnTwo\)/);
    t.regex(lost!.stack!, /died with exit code 5 while running item 2 of job \d+ \(task exitsOnTwo\)/);
    const one = await t.throwsAsync(pool.apply(exitsHere, [4]), { instanceOf: WorkerCrashedError });
    t.like(one, { task: 'exitsHere', index: 0, count: 1, exitCode: 4 });
  } finally {
    pool.terminate();
    await pool.join();
  }
});

test('cluster: a worker command tells the retirements for memory of a local pool once, with the next chunk it returns; the pool believes only a bounded whole number', (t) => {
  let memory = 0;
  const local = { stats: () => ({ recycled: { memory } }) } as unknown as Pool;
  const unlimited = { stats: () => { throw new Error('a pool without a memory limit is asked nothing'); } } as unknown as Pool;
  const reports = new RetirementReports((pool) => pool === local);
  t.is(reports.attach(local, 'encoded'), 'encoded', 'nothing retired: the return value is untouched');
  memory = 1;
  t.is(reports.attach(unlimited, 'encoded'), 'encoded', 'a pool without a memory limit is not asked');
  t.deepEqual(reports.attach(local, 'encoded'), { r: 'encoded', y: 1 });
  t.is(reports.attach(local, 'encoded'), 'encoded', 'told once');
  memory = 3;
  t.deepEqual(reports.attach(local, { r: 'encoded', t: 2 }), { r: 'encoded', t: 2, y: 2 });
  t.deepEqual(reports.attach(local, { r: 'encoded', x: 1 as const }), { r: 'encoded', x: 1 }, 'a lost chunk keeps its mark');
  memory = 3 + 1_500;
  t.deepEqual(reports.attach(local, 'encoded'), { r: 'encoded', y: 1_000 }, 'at most 1,000 at once');
  t.deepEqual(reports.attach(local, 'encoded'), { r: 'encoded', y: 500 }, 'the rest with the next chunk');
  t.is(retirementsIn({ r: 'encoded', y: 2 }), 2);
  for (const y of [0, -1, 1.5, '2', 1e9, null]) t.is(retirementsIn({ r: 'encoded', y }), 0, `y: ${String(y)}`);
  t.is(retirementsIn('encoded'), 0);
  t.is(retirementsIn(null), 0);
});

test('cluster: a returned chunk names the process that ran it only when Redis gave a well-formed one', (t) => {
  const h = { host: 'vm', pid: 12, worker: 'vm:10' };
  t.deepEqual(ranIn({ r: 'x', t: 1, h }), h);
  t.is(ranIn({ r: 'x', t: 1 }), undefined);
  t.is(ranIn('x'), undefined);
  t.is(ranIn({ r: 'x', h: { host: 'vm', pid: '12', worker: 'vm:10' } }), undefined);
  t.is(ranIn({ r: 'x', h: null }), undefined);
});

clusterTest('cluster: each slot of pool.stats() names the remote process that ran its last chunk, once one came back', async (t) => {
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue } });
  try {
    t.is(pool.stats().workers[0]!.remote, undefined, 'no chunk came back yet');
    const ran = await pool.apply(whoRuns, []);
    const [slot] = pool.stats().workers;
    t.like(slot!.remote, { host: ran.host, pid: ran.pid });
    t.regex(slot!.remote!.worker, /^[^ ]+:\d+$/, 'its worker command, host:pid');
    t.is(slot!.pid, 0, 'the slot has no process of its own');
  } finally {
    pool.terminate();
    await pool.join();
  }
});

clusterTest('cluster: a slot whose only chunk failed names the remote process that threw', async (t) => {
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue } });
  try {
    const error = await t.throwsAsync(pool.apply(throwsHere, [1]));
    const { pid, host } = (error as Error & { raisedIn: { pid: number; host: string } }).raisedIn;
    t.like(pool.stats().workers[0]!.remote, { pid, host });
  } finally {
    pool.terminate();
    await pool.join();
  }
});

clusterTest('cluster: maxMemoryPerChildMb reaches the worker command: its process past the limit after a chunk is replaced, one under it kept', async (t) => {
  // Far above an idle process's RSS, far below what hold(240) brings it to (the conformance rule's figures).
  const pool = new Pool({ processes: 1, maxMemoryPerChildMb: 180, cluster: { connection: REDIS_URL!, queue: single } });
  try {
    const first = await pool.apply(hold, [0]);
    t.is(await pool.apply(hold, [0]), first, 'under the limit: the same process');
    t.is(pool.stats().recycled.memory, 0, 'nothing retired yet');
    t.is(await pool.apply(hold, [240]), first, 'the chunk that passed the limit finished there');
    // Told with the chunk that crossed the limit (remote-recycles.ts): counted when its call returns.
    t.like(pool.stats().recycled, { memory: 1, crash: 0, tasks: 0 });
    t.not(await pool.apply(hold, [0]), first, 'the next chunk ran in a new process');
    t.is(pool.stats().recycled.memory, 1, 'counted once');
  } finally {
    pool.terminate();
    await pool.join();
  }
});

test('cluster: a cluster pool given env is refused at once, saying where the workers\' environment is set', async (t) => {
  const cluster = { connection: 'redis+unix:///tmp/multiproc-no-redis-here.sock', queue: 'q' };
  t.throws(() => new Pool({ processes: 1, env: { NODE_OPTIONS: '--max-old-space-size=32' }, cluster }), {
    instanceOf: TypeError, message: /options\.env cannot reach options\.cluster's workers.*multiproc worker/s,
  });
  const pool = new Pool({ processes: 1, cluster });
  pool.terminate();
  await pool.join();
  t.pass('without env it is made');
});
