/**
 * Before/after on a busy machine: one workload of one system, run from two checkouts (each built with
 * `npm run build`), back to back, round after round (which goes first alternates), and the distribution of the
 * per-round ratios B ÷ A. Load from other work shifts both sides of a pair alike. Usage:
 *   git archive <before> | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/ && (cd /tmp/before && npm run build)
 *   node bench/profile/paired-trees.mjs /tmp/before . map '{"processes":2,"reps":5,"n":200000}' 15
 *   node bench/profile/paired-trees.mjs . . echo '{"processes":2,"reps":5,"count":64,"bytes":1048576}' 11 workerpool multiproc
 * Rates: higher is better. For `cold` the figure is the whole process's wall time (lower is better), and the
 * ratio of first-result times is printed too.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

const [treeA, treeB, workload, json, rounds = '15', systemA = 'multiproc', systemB = systemA] = process.argv.slice(2);
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(tree, system) {
  const t0 = performance.now();
  const ran = spawnSync(process.execPath, [resolve(tree, 'bench/systems', `${system}.mjs`), workload, json], { env, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (ran.status !== 0) throw new Error(`${tree} ${system} failed: ${ran.stderr}`);
  const out = JSON.parse(ran.stdout.trim().split('\n').at(-1));
  return workload === 'cold' ? { value: wallMs, first: out.firstResultMs } : { value: median(out.samples) };
}

const ratios = [];
const firsts = [];
for (let r = 0; r < Number(rounds); r++) {
  let a, b;
  if (r % 2 === 0) {
    a = run(treeA, systemA);
    b = run(treeB, systemB);
  } else {
    b = run(treeB, systemB);
    a = run(treeA, systemA);
  }
  ratios.push(b.value / a.value);
  if (a.first !== undefined) firsts.push(b.first / a.first);
  console.log(`round ${r}: A ${a.value.toFixed(1)}, B ${b.value.toFixed(1)} → B/A ${ratios.at(-1).toFixed(2)}`);
}
const sorted = [...ratios].sort((x, y) => x - y);
const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2);
console.log(`B/A over ${rounds} rounds: median ${at(0.5)}, p10 ${at(0.1)}, p90 ${at(0.9)}, min ${at(0)}, max ${sorted.at(-1).toFixed(2)}`);
if (firsts.length > 0) console.log(`first result B/A: median ${median(firsts).toFixed(2)}`);
