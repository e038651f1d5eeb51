/**
 * Bytes the parent allocates per task in workload b (n × applyAsync(square), all in flight, each get()), by the
 * function that allocated them, dead or alive (V8's sampling heap profiler, keeping what minor and major GCs
 * collected). Steady under load, where tasks/s is not: the parent's GC work, a third of its time in b, grows
 * with these bytes. The caller's own share (this script's lines, Promise.all) is listed too. Usage, after
 * `npm run build`:
 *   env -u NODE_EXTRA_CA_CERTS -u NODE_OPTIONS node bench/profile/tasks-alloc.mjs [n] [reps] [--top N]
 */
import { Session } from 'node:inspector/promises';
import { Pool } from 'multiproc';
import * as registered from '../tasks/registered.mjs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt === -1 ? 25 : Number(args.splice(topAt, 2)[1]);
const [nArg = '20000', repsArg = '3'] = args;
const n = Number(nArg);
const reps = Number(repsArg);

const session = new Session();
session.connect();
const pool = new Pool({ processes: 2 });
async function rep() {
  const results = [];
  for (let i = 0; i < n; i++) results.push(pool.applyAsync(registered.square, [i]));
  const values = await Promise.all(results.map((r) => r.get()));
  if (values[n - 1] !== (n - 1) * (n - 1)) throw new Error('wrong results');
}
// Warm: the window has grown and the code is optimized, as in the bench's measured repetitions.
await rep();
await rep();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true,
});
for (let r = 0; r < reps; r++) await rep();
const { profile } = await session.post('HeapProfiler.stopSampling');
pool.close();
await pool.join();

const bySite = new Map();
(function walk(node) {
  const frame = node.callFrame;
  const site = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}`;
  if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child);
})(profile.head);
const perTask = (bytes) => bytes / (reps * n);
const total = [...bySite.values()].reduce((a, b) => a + b, 0);
console.log(`${perTask(total).toFixed(0)} bytes allocated per task in the parent (sampled, ${reps} × ${n} tasks)`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${perTask(bytes).toFixed(0).padStart(6)}  ${site}`);
}
