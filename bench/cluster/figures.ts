/**
 * Issue 19's cluster figures beside the local pool, same run, 2 worker processes on this machine (one worker
 * command of --processes 2 against a private Redis): 2,000 tasks of 10 ms CPU, map of 200k tiny ints with the
 * default chunksize, 2,000 one-at-a-time apply round trips (p50, p99), and SIGKILL of a worker command → the
 * lost chunk's rejection with the shipped defaults. Not part of `npm run bench` yet (it needs Redis):
 *   MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start) npx tsx bench/cluster/figures.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool, WorkerCrashedError } from '../../reference/src/index.js';
import { spin, square } from './tasks.js';

const url = process.env['MULTIPROC_REDIS_URL'];
if (url === undefined) throw new Error('set MULTIPROC_REDIS_URL: export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)');
const CLI = fileURLToPath(new URL('../../reference/src/cli.ts', import.meta.url));
const TASKS = fileURLToPath(new URL('./tasks.ts', import.meta.url));
const env = { ...process.env };
delete env['NODE_EXTRA_CA_CERTS'];

function startWorker(queue: string, extra: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--connection', url!, '--queue', queue, ...extra, TASKS],
    { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => { if (/ ready\n/.test(data.toString())) resolve(child); });
    child.once('exit', () => reject(new Error('worker command exited')));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function measure(pool: Pool): Promise<Record<string, number>> {
  const spinItems = Array.from({ length: 2000 }, (_, i) => [i, 10] as [number, number]);
  const ints = Array.from({ length: 200_000 }, (_, i) => i);
  await pool.map(square, ints.slice(0, 1000));
  let t0 = performance.now();
  await pool.starmap(spin, spinItems);
  const spinS = (performance.now() - t0) / 1000;
  const maps: number[] = [];
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    await pool.map(square, ints);
    maps.push(performance.now() - t0);
  }
  const trips: number[] = [];
  for (let i = 0; i < 2000; i++) {
    t0 = performance.now();
    await pool.apply(square, [i]);
    trips.push(performance.now() - t0);
  }
  return {
    'spin tasks/s': 2000 / spinS,
    'map 200k items/s': 200_000 / (median(maps) / 1000),
    'apply p50 ms': pct(trips, 0.5),
    'apply p99 ms': pct(trips, 0.99),
  };
}

const local = new Pool(2);
const localFigures = await measure(local);
local.close();
await local.join();

const queue = `bench-${process.pid}`;
const worker = await startWorker(queue, ['--processes', '2']);
const cluster = new Pool({ processes: 2, cluster: { connection: url, queue } });
const clusterFigures = await measure(cluster);

// SIGKILL of the worker command running a chunk, shipped defaults (8 s lock, 4 s stalled interval); a second
// worker command notices the lapsed lock.
const survivor = await startWorker(queue, ['--processes', '1']);
const lost = cluster.apply(spin, [0, 30_000]);
await new Promise((resolve) => setTimeout(resolve, 1500));
const killedAt = performance.now();
worker.kill('SIGKILL');
let detectedMs = NaN;
try {
  await lost;
} catch (error) {
  if (error instanceof WorkerCrashedError) detectedMs = performance.now() - killedAt;
}
cluster.terminate();
await cluster.join();
survivor.kill('SIGTERM');

for (const key of Object.keys(localFigures)) {
  const ratio = key.includes('/s') ? clusterFigures[key]! / localFigures[key]! : NaN;
  console.log(`${key.padEnd(18)} local ${localFigures[key]!.toFixed(2).padStart(10)}  cluster ${clusterFigures[key]!.toFixed(2).padStart(10)}${Number.isNaN(ratio) ? '' : `  (${ratio.toFixed(2)}×)`}`);
}
console.log(`SIGKILL → WorkerCrashedError: ${detectedMs.toFixed(0)} ms (defaults: lock 8000 ms, stalled interval 4000 ms)`);
