/**
 * Where b's spread comes from: runs workload b (n × applyAsync(square), all in flight) `reps` times on one pool
 * and prints, per repetition, tasks/s beside the CPU the parent and each worker spent in it (process.cpuUsage,
 * /proc/<pid>/stat), the parent's GC pauses (count, ms) and the IPC messages each way. CPU well under the wall
 * time means a side waited; a slow repetition with as much CPU as a fast one means it worked more (GC, more
 * messages). Usage, after `npm run build`:
 *   env -u NODE_EXTRA_CA_CERTS -u NODE_OPTIONS node bench/profile/tasks-spread.mjs [reps] [n] [processes]
 * Two files' runs back to back on a busy machine: `for dist in A B; do …; done` round after round, and compare
 * per-round medians (paired), as paired.mjs does.
 */
import childProcess, { ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const [repsArg = '15', nArg = '20000', processesArg = '2'] = process.argv.slice(2);
const reps = Number(repsArg);
const n = Number(nArg);
const processes = Number(processesArg);

// Count messages each way, and find the workers' pids, by wrapping fork before multiproc loads (count-ipc.mjs).
const counts = { sent: 0, received: 0 };
const workerPids = [];
const fork = childProcess.fork;
childProcess.fork = function (...args) {
  const child = fork.apply(this, args);
  workerPids.push(child.pid);
  const send = child.send;
  child.send = function (...rest) {
    counts.sent++;
    return send.apply(this, rest);
  };
  return child;
};
syncBuiltinESMExports();
const emit = ChildProcess.prototype.emit;
ChildProcess.prototype.emit = function (event, ...rest) {
  if (event === 'message') counts.received++;
  return emit.call(this, event, ...rest);
};

const gc = { count: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.ms += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

const { Pool } = await import('multiproc');
const registered = await import('../tasks/registered.mjs');

/**
 * The parent's main thread from the scheduler's side (/proc/self/task/<pid>/schedstat: ns on the CPU, ns
 * runnable but waiting for one) and its context switches: wall time = running + waiting for a CPU + asleep
 * (idle, or blocked on a GC helper thread).
 */
function mainThread() {
  const [runNs, waitNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
  const status = readFileSync(`/proc/self/task/${process.pid}/status`, 'utf8');
  const count = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]);
  return { runMs: runNs / 1e6, waitMs: waitNs / 1e6, voluntary: count('voluntary_ctxt_switches'), involuntary: count('nonvoluntary_ctxt_switches') };
}

function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const pool = new Pool({ processes });
const args = Array.from({ length: n }, (_, i) => i);
const rows = [];
for (let rep = -1; rep < reps; rep++) {
  const cpu0 = process.cpuUsage();
  const workers0 = workerPids.map(cpuMsOf);
  const gc0 = { ...gc };
  const counts0 = { ...counts };
  const main0 = mainThread();
  const t0 = performance.now();
  const results = [];
  for (const arg of args) results.push(pool.applyAsync(registered.square, [arg]));
  const values = await Promise.all(results.map((r) => r.get()));
  const ms = performance.now() - t0;
  // PerformanceObserver delivers its entries asynchronously: let the last ones in.
  await new Promise((resolve) => setImmediate(resolve));
  if (values[n - 1] !== (n - 1) * (n - 1)) throw new Error('wrong results');
  const cpu = process.cpuUsage(cpu0);
  const main = mainThread();
  const row = {
    rep,
    tasksPerS: Math.round(n / (ms / 1000)),
    ms: Number(ms.toFixed(1)),
    parentCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    workersCpuMs: workerPids.map((pid, i) => cpuMsOf(pid) - workers0[i]),
    gc: `${gc.count - gc0.count} / ${(gc.ms - gc0.ms).toFixed(1)} ms`,
    // The main thread: on a CPU, runnable but waiting for one, and asleep (the rest of the wall time).
    mainRunMs: Math.round(main.runMs - main0.runMs),
    mainWaitMs: Math.round(main.waitMs - main0.waitMs),
    mainSleepMs: Math.round(ms - (main.runMs - main0.runMs) - (main.waitMs - main0.waitMs)),
    switches: `${main.voluntary - main0.voluntary} vol / ${main.involuntary - main0.involuntary} invol`,
    sent: counts.sent - counts0.sent,
    received: counts.received - counts0.received,
  };
  if (rep >= 0) rows.push(row);
  console.log(JSON.stringify(row));
}
pool.close();
await pool.join();
const sorted = rows.map((r) => r.tasksPerS).sort((a, b) => a - b);
console.log(`tasks/s over ${reps}: median ${sorted[Math.floor(reps / 2)]}, min ${sorted[0]}, max ${sorted.at(-1)}`);
