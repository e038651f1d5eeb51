/**
 * Cold start, step by step (issue 20, a): what happens between `new Pool()` and the first result, and between
 * the first result and the process's exit, in the parent's clock (ms since the Pool's construction began), with
 * each worker's CPU time when its messages arrive (its main thread, /proc/<pid>/schedstat, Linux only). Every
 * message sent to a worker and every one heard from it is stamped by wrapping ChildProcess.prototype, so the
 * library is measured unchanged. Prints one JSON line; run it several times and compare medians:
 *   env -u NODE_OPTIONS node bench/profile/cold-timeline.mjs [processes]
 */
import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const imported0 = performance.now();
const { Pool } = await import('multiproc');
const registered = await import('../tasks/registered.mjs');
const importMs = performance.now() - imported0;

const marks = [];
let t0 = 0;
const cpuMs = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
};
const mark = (what, pid) => marks.push({ ms: +(performance.now() - t0).toFixed(2), what, ...(pid === undefined ? {} : { pid, cpu: cpuMs(pid) }) });

const send = ChildProcess.prototype.send;
ChildProcess.prototype.send = function (message, ...rest) {
  mark(`→ ${message?.kind ?? 'message'}`, this.pid);
  return send.call(this, message, ...rest);
};
const emit = ChildProcess.prototype.emit;
ChildProcess.prototype.emit = function (event, ...args) {
  if (event === 'message') mark(`← ${args[0]?.kind ?? 'message'}`, this.pid);
  else if (event === 'exit' || event === 'disconnect' || event === 'spawn') mark(event, this.pid);
  return emit.call(this, event, ...args);
};

const processes = Number(process.argv[2] ?? 2);
t0 = performance.now();
const pool = new Pool({ processes });
mark('constructed');
const value = await pool.apply(registered.square, [7]);
mark('first result');
if (value !== 49) throw new Error(`square(7) gave ${value}`);
pool.close();
mark('closed');
await pool.join();
mark('joined');
process.on('exit', () => {
  mark('exit');
  process.stdout.write(`${JSON.stringify({ importMs: +importMs.toFixed(2), parentCpu: process.cpuUsage().user / 1000, marks })}\n`);
});
