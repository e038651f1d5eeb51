/**
 * Paired ratios for a busy machine: runs one workload in CPython fork and in multiproc (and optionally the
 * floor) back to back, round after round, and prints each round's ratio and their median. Load from other
 * work shifts both sides of a pair alike, so the ratio of a pair is steadier than a ratio of two medians taken
 * minutes apart. Usage, after `npm run build`:
 *   node bench/profile/paired.mjs <workload> '<params JSON>' [rounds] [--floor] [--limit]
 *   node bench/profile/paired.mjs map '{"processes":2,"reps":3,"n":200000}' 5
 *   node bench/profile/paired.mjs cold '{"processes":2}' 9 --limit
 * Rates (tasks, map) are multiproc ÷ CPython fork, higher is better; cold is multiproc ÷ floor wall time,
 * lower is better.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SYSTEMS = fileURLToPath(new URL('../systems/', import.meta.url));
const [workload, json = '{}', roundsArg = '5', ...flags] = process.argv.slice(2);
const rounds = Number(roundsArg);
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
const python = process.env.BENCH_PYTHON ??
  execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { env, encoding: 'utf8' }).trim();

function run(system) {
  const params = system === 'cpython' ? JSON.stringify({ ...JSON.parse(json), start: 'fork' }) : json;
  const [command, script] = system === 'cpython' ? [python, 'cpython.py'] : [process.execPath, `${system}.mjs`];
  const t0 = performance.now();
  const ran = spawnSync(command, [SYSTEMS + script, workload, params], { env, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (ran.status !== 0) throw new Error(`${system} failed: ${ran.stderr}`);
  const out = JSON.parse(ran.stdout.trim().split('\n').at(-1));
  return { wallMs, out };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratios = [];
const limitRatios = [];
const firstRatios = [];
for (let r = 0; r < rounds; r++) {
  if (workload === 'cold') {
    const floor = run('floor');
    const ours = run('multiproc');
    // --limit: the floor + the library's import too (a's measured limit), and multiproc's ratios to it.
    const limit = flags.includes('--limit') ? run('floor-lib') : undefined;
    ratios.push(ours.wallMs / floor.wallMs);
    if (limit !== undefined) {
      limitRatios.push(ours.wallMs / limit.wallMs);
      firstRatios.push(ours.out.firstResultMs / limit.out.firstResultMs);
    }
    console.log(`round ${r}: multiproc ${ours.wallMs.toFixed(0)} ms (first result ${ours.out.firstResultMs.toFixed(1)}, ` +
      `shutdown ${ours.out.shutdownMs.toFixed(1)}), floor ${floor.wallMs.toFixed(0)} ms (first result ` +
      `${floor.out.firstResultMs.toFixed(1)})` + (limit === undefined ? '' : `, floor + library ${limit.wallMs.toFixed(0)} ms ` +
      `(first result ${limit.out.firstResultMs.toFixed(1)})`) + ` → ${ratios.at(-1).toFixed(2)}×`);
  } else {
    const theirs = median(run('cpython').out.samples);
    const ours = median(run('multiproc').out.samples);
    const floor = flags.includes('--floor') ? median(run('floor').out.samples) : undefined;
    ratios.push(ours / theirs);
    console.log(`round ${r}: multiproc ${Math.round(ours)}, CPython fork ${Math.round(theirs)}` +
      (floor === undefined ? '' : `, floor ${Math.round(floor)}`) + ` → ${ratios.at(-1).toFixed(2)}×`);
  }
}
const sorted = [...ratios].sort((a, b) => a - b);
const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2);
// The spread matters as much as the median: a goal "in every run" is about the low end.
console.log(`median ratio ${median(ratios).toFixed(2)}× over ${rounds} rounds (min ${at(0)}, p10 ${at(0.1)}, p90 ${at(0.9)}, max ${at(1)})`);
if (limitRatios.length > 0) {
  console.log(`against the floor + the library's import: whole process ${median(limitRatios).toFixed(2)}×, ` +
    `pool → first result ${median(firstRatios).toFixed(2)}× (medians of per-round ratios)`);
}
