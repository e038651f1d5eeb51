/**
 * One measured process of paired-cluster-map.mjs: the bench's cluster map row (issue 19) with the multiproc built
 * in <dist>: a worker command of `--processes 2`, a warm-up map of 1,000 items as bench/cluster does, then `maps`
 * maps of 200k tiny ints with the default chunksize, and the local pool's same maps. Prints { clusterMs, localMs,
 * jobs, clusterCpuMs, localCpuMs }: median wall times, the jobs one cluster map sent (counted with BullMQ's own
 * Queue), and the CPU per map of this process, the worker command and all their children (steadier under load).
 *   node bench/profile/cluster-map.mjs <dist> <redis URL> [maps=5]
 * CLUSTER_MAP_NODE_ARGS: node flags for the worker command, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". CHUNK: an
 * explicit chunksize for the measured maps, to compare with the default.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { treeCpuMs } from './proc-cpu.mjs';
import { startWorkerCommand } from './worker-command.mjs';

const [distArg, url, mapsArg = '5'] = process.argv.slice(2);
const maps = Number(mapsArg);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dist = resolve(distArg);
process.env.MP_DIST = dist;
const tasksFile = fileURLToPath(new URL('./cluster-apply-tasks.mjs', import.meta.url));
const { Pool } = await import(pathToFileURL(`${dist}/index.js`).href);
const { square } = await import(pathToFileURL(tasksFile).href);
const { Queue } = createRequire(import.meta.url)('bullmq');
const queue = `map-${process.pid}-${Date.now().toString(36)}`;
const nodeArgs = process.env.CLUSTER_MAP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const ints = Array.from({ length: 200_000 }, (_, i) => i);

/** The median wall time of `maps` maps, and the CPU per map of this process and every process under it. */
async function timeMaps(pool) {
  await pool.map(square, ints.slice(0, 1000));
  const times = [];
  const cpu0 = treeCpuMs([process.pid]);
  for (let r = 0; r < maps; r++) {
    const t0 = performance.now();
    const out = await pool.map(square, ints, process.env.CHUNK ? Number(process.env.CHUNK) : undefined);
    times.push(performance.now() - t0);
    if (out[out.length - 1] !== (ints.length - 1) ** 2) throw new Error('wrong results');
  }
  return { ms: median(times), cpuMs: (treeCpuMs([process.pid]) - cpu0) / maps };
}

const local = new Pool({ processes: 2 });
const { ms: localMs, cpuMs: localCpuMs } = await timeMaps(local);
local.close();
await local.join();

const worker = await startWorkerCommand({ dist, url, queue, tasksFile, nodeArgs });
try {
  const pool = new Pool({ processes: 2, cluster: { connection: url, queue } });
  const { ms: clusterMs, cpuMs: clusterCpuMs } = await timeMaps(pool);
  const counter = new Queue(queue, { connection: { path: new URL(url).pathname } });
  const before = (await counter.getJobCounts('completed')).completed;
  await pool.map(square, ints);
  const jobs = (await counter.getJobCounts('completed')).completed - before;
  await counter.close();
  pool.terminate();
  await pool.join();
  console.log(JSON.stringify({ clusterMs, localMs, jobs, clusterCpuMs, localCpuMs }));
} finally {
  await worker.stop();
}
