/**
 * Issue 19's last figure for idempotent calls: SIGKILL of the worker command running a chunk → that chunk's
 * result, run again on the other worker command, with the shipped defaults (lock 8000 ms, stalled interval
 * 4000 ms, options.cluster.maxRetries 2). The goal is ≤ 15 s. The task spins 1000 ms, so the figure is stall
 * detection + resend + 1 s of work. Rounds on two worker commands of --processes 1; the killed one is replaced.
 *   MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start) npx tsx bench/cluster/retry-after-kill.ts [rounds]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from '../../reference/src/index.js';
import { startWorkerCommand, type WorkerCommandHandle } from '../../reference/test/cluster/cluster-helpers.js';
import { spinAndSay } from './retry-tasks.js';

const url = process.env['MULTIPROC_REDIS_URL'];
if (url === undefined) throw new Error('set MULTIPROC_REDIS_URL: export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)');
const rounds = Number(process.argv[2] ?? 5);
const TASKS = fileURLToPath(new URL('./retry-tasks.ts', import.meta.url));
const queue = `bench-retry-${process.pid}`;

/** The cluster tests' starter: stdout collected until " ready\n", 30 s at most, killed when it fails. */
const startWorker = (): Promise<WorkerCommandHandle> => startWorkerCommand(queue, ['--processes', '1'], [TASKS], url);

/**
 * The pid the task wrote: read until the line is whole (the file may exist, empty or half-written, before its
 * content), within 30 s.
 */
async function saidBy(path: string, round: number): Promise<number> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch { /* not created yet */ }
    if (text.endsWith('\n')) return Number(text.split('\n')[0]);
    if (performance.now() > deadline) throw new Error(`round ${round}: the task did not start within 30 s (${path} ${text === '' ? 'empty or missing' : `holds "${text}"`})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mp-retry-bench-'));
// Both or neither: a worker command that started while the other failed is stopped, not left behind.
const started = await Promise.allSettled([startWorker(), startWorker()]);
const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
if (failed !== undefined) {
  await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
  rmSync(dir, { recursive: true, force: true });
  throw failed.reason;
}
const workers = started.map((s) => (s as PromiseFulfilledResult<WorkerCommandHandle>).value);
const pool = new Pool({ processes: 1, cluster: { connection: url, queue } });
const figures: number[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    const said = join(dir, `round-${round}`);
    const result = pool.apply(spinAndSay, [said, round, 1000], undefined, { idempotent: true });
    const ppid = await saidBy(said, round);
    const victim = workers.findIndex((worker) => worker.pid === ppid);
    if (victim === -1) throw new Error(`round ${round}: the chunk ran on no worker command of ours (${ppid})`);
    const killedAt = performance.now();
    workers[victim]!.child.kill('SIGKILL');
    if (await result !== round) throw new Error(`round ${round}: a wrong result`);
    figures.push(performance.now() - killedAt);
    const runs = readFileSync(said, 'utf8').trim().split('\n');
    if (runs.length !== 2) throw new Error(`round ${round}: the task ran ${runs.length} times, not twice`);
    console.log(`round ${round}: SIGKILL → the retried chunk's result ${figures.at(-1)!.toFixed(0)} ms`);
    workers[victim] = await startWorker();
  }
} finally {
  pool.terminate();
  await pool.join();
  await Promise.all(workers.map((worker) => worker.stop()));
  rmSync(dir, { recursive: true, force: true });
}
const sorted = [...figures].sort((a, b) => a - b);
console.log(`SIGKILL → retried chunk's result (1 s task, defaults lock 8000 ms, stalled interval 4000 ms): median ` +
  `${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, range ${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)} ms, ${rounds} rounds`);
