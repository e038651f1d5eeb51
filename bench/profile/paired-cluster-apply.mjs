/**
 * Paired before/after figures for the cluster pool's one-at-a-time `apply` (issue 19), for a busy machine: A, B
 * and plain BullMQ (the limit) back to back, round after round, each in a fresh process on the same Redis;
 * prints each round and the median of the per-round ratios B ÷ A and B ÷ limit (lower is better), for p50, p99
 * and the CPU per trip of all the processes involved (steadier under load than latency). A and B are
 * built dist/ directories (copy dist/ aside before a change, e.g. `cp -r dist .tmp/lat-A`).
 *   node bench/profile/paired-cluster-apply.mjs <distA> <distB> <redis URL> [rounds=5] [trips=2000]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const [a, b, url, roundsArg = '5', trips = '2000'] = process.argv.slice(2);
const ONE = fileURLToPath(new URL('./cluster-apply.mjs', import.meta.url));
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;

function run(which) {
  const ran = spawnSync(process.execPath, [ONE, which, url, trips], { env, encoding: 'utf8', timeout: 300_000 });
  if (ran.status !== 0) throw new Error(`${which} failed: ${ran.stderr}`);
  return JSON.parse(ran.stdout.trim().split('\n').at(-1));
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const f = (x) => x.toFixed(2);
const r50 = [], r99 = [], l50 = [], l99 = [], rc = [], lc = [];
for (let r = 0; r < Number(roundsArg); r++) {
  const load = loadavg()[0].toFixed(1);
  const order = r % 2 === 0 ? ['A', 'B', 'L'] : ['L', 'B', 'A'];
  const got = {};
  for (const which of order) got[which] = run(which === 'A' ? a : which === 'B' ? b : 'bullmq');
  r50.push(got.B.p50Ms / got.A.p50Ms); r99.push(got.B.p99Ms / got.A.p99Ms);
  l50.push(got.B.p50Ms / got.L.p50Ms); l99.push(got.B.p99Ms / got.L.p99Ms);
  rc.push(got.B.cpuMsPerTrip / got.A.cpuMsPerTrip); lc.push(got.B.cpuMsPerTrip / got.L.cpuMsPerTrip);
  console.log(`round ${r + 1} (load ${load}): p50 A ${f(got.A.p50Ms)} B ${f(got.B.p50Ms)} limit ${f(got.L.p50Ms)} ms; ` +
    `p99 A ${f(got.A.p99Ms)} B ${f(got.B.p99Ms)} limit ${f(got.L.p99Ms)} ms; ` +
    `CPU per trip (all processes) A ${f(got.A.cpuMsPerTrip)} B ${f(got.B.cpuMsPerTrip)} limit ${f(got.L.cpuMsPerTrip)} ms`);
}
console.log(`median of per-round ratios: B÷A p50 ${f(median(r50))} p99 ${f(median(r99))}; B÷limit p50 ${f(median(l50))} p99 ${f(median(l99))}; ` +
  `CPU B÷A ${f(median(rc))} B÷limit ${f(median(lc))}`);
