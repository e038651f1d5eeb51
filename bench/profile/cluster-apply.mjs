/**
 * One measured process of paired-cluster-apply.mjs: `trips` one-at-a-time cluster `apply` round trips (after
 * 100 unmeasured) with the multiproc built in <dist> (its Pool and its worker command, `--processes 2`), or
 * plain BullMQ's (bench/cluster/bullmq-limit.mjs) when <dist> is "bullmq". Prints { p50Ms, p99Ms, cpuMsPerTrip }:
 * the CPU of this process, the worker's and its children's over the measured trips, divided by their number.
 *   node bench/profile/cluster-apply.mjs <dist|bullmq> <redis URL> <trips>
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { plainBullMQTrips } from '../cluster/bullmq-limit.mjs';
import { treeCpuMs } from './proc-cpu.mjs';
import { startWorkerCommand } from './worker-command.mjs';

const [distArg, url, tripsArg = '2000'] = process.argv.slice(2);
const trips = Number(tripsArg);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

if (distArg === 'bullmq') {
  console.log(JSON.stringify(await plainBullMQTrips(url, trips, treeCpuMs)));
  process.exit(0);
}
const dist = resolve(distArg);
process.env.MP_DIST = dist;
const tasksFile = fileURLToPath(new URL('./cluster-apply-tasks.mjs', import.meta.url));
const { Pool } = await import(pathToFileURL(`${dist}/index.js`).href);
const { square } = await import(pathToFileURL(tasksFile).href);
const queue = `lat-${process.pid}-${Date.now().toString(36)}`;
// CLUSTER_APPLY_NODE_ARGS: node flags for the worker command, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (Node
// refuses --cpu-prof in NODE_OPTIONS).
const nodeArgs = process.env.CLUSTER_APPLY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const worker = await startWorkerCommand({ dist, url, queue, tasksFile, nodeArgs });
try {
  const pool = new Pool({ processes: 2, cluster: { connection: url, queue } });
  const times = [];
  let cpu0 = 0;
  for (let i = -100; i < trips; i++) {
    if (i === 0) cpu0 = treeCpuMs([process.pid]);
    const t0 = performance.now();
    if (await pool.apply(square, [i]) !== i * i) throw new Error('wrong result');
    if (i >= 0) times.push(performance.now() - t0);
  }
  const cpuMsPerTrip = (treeCpuMs([process.pid]) - cpu0) / trips;
  pool.terminate();
  await pool.join();
  console.log(JSON.stringify({ p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), cpuMsPerTrip }));
} finally {
  await worker.stop();
}
