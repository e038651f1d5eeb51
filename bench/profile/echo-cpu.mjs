/**
 * Workload e, accounted per process: CPU (user and system, from /proc) and minor page faults of the parent and
 * of each worker per echo of `count` × `bytes` through `map` in a started pool of 2, with the wall time. CPU per
 * echo is steadier than MiB/s on a shared machine (other work delays a run, but does not add to its CPU much).
 * Run from a checkout after `npm run build` (it imports the built package):
 *   node bench/profile/echo-cpu.mjs [reps=20] [count=64] [bytes=1048576]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'multiproc';
import * as registered from '../tasks/registered.mjs';

const [reps = 20, count = 64, bytes = 1 << 20] = process.argv.slice(2).map(Number);
const payloads = Array.from({ length: count }, (_, k) => {
  const b = new Uint8Array(bytes);
  b[0] = k;
  return b;
});
const TICK_MS = 10; // /proc's clock ticks (USER_HZ 100)

/** [user ms, system ms, minor faults] of `pid`. */
function usage(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [Number(fields[11]) * TICK_MS, Number(fields[12]) * TICK_MS, Number(fields[7])];
}

const pool = new Pool({ processes: 2 });
await pool.mapAsync(registered.echo, payloads).get(); // warm-up, and both workers started
const workers = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
const pids = [process.pid, ...workers];
const before = pids.map(usage);
const t0 = performance.now();
for (let r = 0; r < reps; r++) {
  const back = await pool.mapAsync(registered.echo, payloads).get();
  if (back.length !== count || back[count - 1][0] !== ((count - 1) & 0xff)) throw new Error('the echoed payloads differ from those sent');
}
const ms = (performance.now() - t0) / reps;
const per = pids.map((pid, i) => usage(pid).map((value, k) => (value - before[i][k]) / reps));
const total = per.reduce((sum, [user, sys]) => sum + user + sys, 0);
console.log(`${Math.round((count * bytes) / 2 ** 20 / (ms / 1000))} MiB/s, ${ms.toFixed(1)} ms and ${total.toFixed(1)} ms of CPU per echo; ` +
  per.map(([user, sys, faults], i) => `${i === 0 ? 'parent' : `worker ${i}`} user ${user.toFixed(1)} sys ${sys.toFixed(1)} faults ${Math.round(faults)}`).join('; '));
pool.close();
await pool.join();
