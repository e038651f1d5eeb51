/**
 * Issue 20's b "in every run": a goal read from the median of one process's repetitions fails on that
 * process's bad draw, so what matters is the low end of those medians, not their average. Runs workload b
 * (bench/systems/multiproc.mjs, as `npm run bench` does) from two built trees, back to back, round after round
 * (which goes first alternates, so load from other work falls on both alike), and prints for each tree the
 * distribution of the per-process medians and of every single repetition, and the median of per-round ratios.
 * Usage (a tree is a checkout with `npm run build` done; see paired-trees.mjs for making one):
 *   node bench/profile/paired-spread.mjs /tmp/before . 15 '{"processes":2,"reps":5,"n":20000}'
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [treeA, treeB, rounds = '15', json = '{"processes":2,"reps":5,"n":20000}', workload = 'tasks'] = process.argv.slice(2);
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(tree) {
  const ran = spawnSync(process.execPath, [resolve(tree, 'bench/systems/multiproc.mjs'), workload, json], { env, encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`${tree} failed: ${ran.stderr}`);
  return JSON.parse(ran.stdout.trim().split('\n').at(-1)).samples;
}

const runs = { A: [], B: [] };
const ratios = [];
for (let r = 0; r < Number(rounds); r++) {
  const order = r % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
  const got = {};
  for (const side of order) got[side] = run(side === 'A' ? treeA : treeB);
  runs.A.push(got.A);
  runs.B.push(got.B);
  ratios.push(median(got.B) / median(got.A));
  const show = (xs) => xs.map((x) => Math.round(x / 1000)).join(' ');
  console.log(`round ${r}: A [${show(got.A)}]k, B [${show(got.B)}]k → B/A ${ratios.at(-1).toFixed(2)}`);
}

function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] / 1000);
  return `min ${at(0)}k, p10 ${at(0.1)}k, median ${at(0.5)}k, max ${Math.round(s.at(-1) / 1000)}k`;
}
for (const side of ['A', 'B']) {
  console.log(`${side}: per-process medians ${spread(runs[side].map(median))}; every repetition ${spread(runs[side].flat())}`);
}
console.log(`B/A, median of per-round ratios: ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);
