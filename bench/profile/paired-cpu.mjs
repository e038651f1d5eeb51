/**
 * Before/after for b when the machine is too busy for tasks/s to mean anything (other sessions' load swings a
 * run's median 3-fold): the work instead of the wall time. Runs bench/profile/tasks-spread.mjs from two built
 * trees, back to back, round after round (which goes first alternates), and compares per repetition of 20,000
 * tasks: the parent's CPU (all its threads: GC helpers too), its main thread's time on a CPU, the workers' CPU,
 * the parent's GCs, and tasks/s for what it is worth. Less work per task is more tasks/s on an idle machine,
 * and fewer GCs are fewer chances of a long pause. Usage (each tree built; A needs tasks-spread.mjs copied in
 * if it predates it):
 *   node bench/profile/paired-cpu.mjs /tmp/before . 10 [reps per process]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [treeA, treeB, rounds = '10', reps = '10'] = process.argv.slice(2);
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function run(tree) {
  const ran = spawnSync(process.execPath, [resolve(tree, 'bench/profile/tasks-spread.mjs'), reps], { env, encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`${tree} failed: ${ran.stderr}`);
  return ran.stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).filter((row) => row.rep >= 0);
}

const rows = { A: [], B: [] };
for (let r = 0; r < Number(rounds); r++) {
  for (const side of r % 2 === 0 ? ['A', 'B'] : ['B', 'A']) rows[side].push(...run(side === 'A' ? treeA : treeB));
  process.stderr.write(`round ${r} done\n`);
}
const figures = {
  'parent CPU ms': (row) => row.parentCpuMs,
  'main thread on CPU ms': (row) => row.mainRunMs,
  'workers CPU ms': (row) => sum(row.workersCpuMs),
  'GCs': (row) => Number(row.gc.split(' ')[0]),
  'GC ms (wall)': (row) => Number(row.gc.split(' / ')[1].split(' ')[0]),
  'tasks/s (load-bound)': (row) => row.tasksPerS,
};
console.log(`per repetition of 20,000 tasks, medians over ${rows.A.length} (A) and ${rows.B.length} (B) repetitions:`);
for (const [name, of] of Object.entries(figures)) {
  const a = median(rows.A.map(of));
  const b = median(rows.B.map(of));
  console.log(`  ${name.padEnd(24)} A ${String(Math.round(a)).padStart(7)}  B ${String(Math.round(b)).padStart(7)}  B/A ${(b / a).toFixed(2)}`);
}
