/**
 * Paired before/after figures for the cluster pool's map of 200k tiny ints with the default chunksize (issue 19),
 * for a busy machine: A and B (built dist/ directories, e.g. `cp -r dist .tmp/map-A` before a change) back to back,
 * round after round, each in a fresh process on the same Redis (cluster-map.mjs). Prints each round (load average,
 * items/s, the local pool's in the same process, jobs per map) and the medians of the per-round ratios: B ÷ A
 * (cluster items/s, higher is better), each side's cluster ÷ local, and B ÷ A of the CPU a cluster map costs all the
 * processes (lower is better; steadier than wall time under load).
 *   node bench/profile/paired-cluster-map.mjs <distA> <distB> <redis URL> [rounds=5] [maps=7]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const [a, b, url, roundsArg = '5', maps = '7'] = process.argv.slice(2);
const ONE = fileURLToPath(new URL('./cluster-map.mjs', import.meta.url));
const ITEMS = 200_000;
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
delete env.CHUNK;

function run(dist) {
  const ran = spawnSync(process.execPath, [ONE, dist, url, maps], { env, encoding: 'utf8', timeout: 300_000 });
  if (ran.status !== 0) throw new Error(`${dist} failed: ${ran.stderr}`);
  return JSON.parse(ran.stdout.trim().split('\n').at(-1));
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const perS = (ms) => ITEMS / (ms / 1000);
const m = (x) => `${(x / 1e6).toFixed(2)}M`;
const ba = [], aLocal = [], bLocal = [], cpu = [];
for (let r = 0; r < Number(roundsArg); r++) {
  const load = loadavg()[0].toFixed(1);
  const order = r % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
  const got = {};
  for (const which of order) got[which] = run(which === 'A' ? a : b);
  ba.push(got.A.clusterMs / got.B.clusterMs);
  aLocal.push(got.A.localMs / got.A.clusterMs);
  bLocal.push(got.B.localMs / got.B.clusterMs);
  cpu.push(got.B.clusterCpuMs / got.A.clusterCpuMs);
  console.log(`round ${r + 1} (load ${load}): cluster A ${m(perS(got.A.clusterMs))} (${got.A.jobs} jobs) B ${m(perS(got.B.clusterMs))} (${got.B.jobs} jobs) items/s; ` +
    `local ${m(perS(got.A.localMs))} / ${m(perS(got.B.localMs))}; CPU per cluster map (all processes) A ${got.A.clusterCpuMs.toFixed(0)} B ${got.B.clusterCpuMs.toFixed(0)} ms`);
}
console.log(`median of per-round ratios: cluster items/s B÷A ${median(ba).toFixed(2)}; cluster÷local A ${median(aLocal).toFixed(2)}× B ${median(bLocal).toFixed(2)}×; CPU per cluster map B÷A ${median(cpu).toFixed(2)} (lower is better)`);
