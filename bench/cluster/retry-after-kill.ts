/**
 * Issue 19's last figure for idempotent calls: SIGKILL of the worker command running a chunk → that chunk's
 * result, run again on the other worker command, with the shipped defaults (lock 8000 ms, stalled interval
 * 4000 ms, options.cluster.maxRetries 2). The goal is ≤ 15 s. The task spins 1000 ms, so the figure is stall
 * detection + resend + 1 s of work. Rounds on two worker commands of --processes 1; the killed one is replaced.
 *   MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start) npx tsx bench/cluster/retry-after-kill.ts [rounds]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from '../../reference/src/index.js';
import { spinAndSay } from './retry-tasks.js';

const url = process.env['MULTIPROC_REDIS_URL'];
if (url === undefined) throw new Error('set MULTIPROC_REDIS_URL: export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)');
const rounds = Number(process.argv[2] ?? 5);
const CLI = fileURLToPath(new URL('../../reference/src/cli.ts', import.meta.url));
const TASKS = fileURLToPath(new URL('./retry-tasks.ts', import.meta.url));
const env = { ...process.env };
delete env['NODE_EXTRA_CA_CERTS'];
const queue = `bench-retry-${process.pid}`;

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--connection', url!, '--queue', queue, '--processes', '1', TASKS],
    { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => { if (/ ready\n/.test(data.toString())) resolve(child); });
    child.once('exit', () => reject(new Error('worker command exited')));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'mp-retry-bench-'));
const workers = await Promise.all([startWorker(), startWorker()]);
const pool = new Pool({ processes: 1, cluster: { connection: url, queue } });
const figures: number[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    const said = join(dir, `round-${round}`);
    const result = pool.apply(spinAndSay, [said, round, 1000], undefined, { idempotent: true });
    while (!existsSync(said)) await new Promise((resolve) => setTimeout(resolve, 10));
    const ppid = Number(readFileSync(said, 'utf8').trim());
    const victim = workers.findIndex((worker) => worker.pid === ppid);
    if (victim === -1) throw new Error(`round ${round}: the chunk ran on no worker command of ours (${ppid})`);
    const killedAt = performance.now();
    workers[victim]!.kill('SIGKILL');
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
  for (const worker of workers) worker.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
const sorted = [...figures].sort((a, b) => a - b);
console.log(`SIGKILL → retried chunk's result (1 s task, defaults lock 8000 ms, stalled interval 4000 ms): median ` +
  `${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, range ${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)} ms, ${rounds} rounds`);
