/**
 * The limit row of the cluster section (issue 19): plain BullMQ doing the same one-at-a-time round trips on the
 * same Redis, in the same run. A Queue and a QueueEvents in this process add a job and wait for its `completed`
 * event (job.waitUntilFinished, BullMQ's own way); a Worker with a no-op processor runs in a child process
 * (bullmq-noop-worker.mjs), as the cluster pool's worker command does. No multiproc code on the path: what is
 * left is BullMQ's and Redis's own cost per round trip on this machine, which bounds the cluster pool's.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';

const NOOP_WORKER = fileURLToPath(new URL('./bullmq-noop-worker.mjs', import.meta.url));

/** ioredis options for a redis:// or redis+unix:// URL (the cluster pool's own reading, cluster-options.ts). */
export function connectionOf(url) {
  const parsed = new URL(url);
  if (parsed.protocol === 'redis+unix:' || parsed.protocol === 'unix:') return { maxRetriesPerRequest: null, path: decodeURIComponent(parsed.pathname) };
  return { maxRetriesPerRequest: null, host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) };
}

/** The worker process, ready within 30 s (it prints "ready") or an error. */
function startNoopWorker(url, queue, handoff) {
  const child = spawn(process.execPath, [NOOP_WORKER, url, queue, ...(handoff ? ['handoff'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('plain BullMQ worker not ready within 30 s')); }, 30_000);
    child.stdout.once('data', () => { clearTimeout(timer); resolve(child); });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`plain BullMQ worker exited (${code ?? signal}) before it was ready`)); });
  });
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/**
 * `trips` one-at-a-time round trips (after 100 unmeasured): { p50Ms, p99Ms }, and { cpuMsPerTrip } when given
 * `cpuMs` (bench/profile/proc-cpu.mjs's treeCpuMs: this process and its worker, per trip). `handoff`: the worker
 * hands each job to a child process of its own (bullmq-noop-worker.mjs).
 */
export async function plainBullMQTrips(url, trips, cpuMs, handoff = false) {
  const name = `bench-limit-${process.pid}-${Date.now().toString(36)}`;
  const connection = connectionOf(url);
  const worker = await startNoopWorker(url, name, handoff);
  const queue = new Queue(name, { connection });
  // From the stream's start, not BullMQ's default '$': the queue is new, and from '$' the first job's completion
  // can be missed and its wait hang (issue 19 saw it in 1 of 16 runs; this row's first runs saw it too).
  const events = new QueueEvents(name, { connection, lastEventId: '0-0' });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const times = [];
    let cpu0 = 0;
    for (let i = -100; i < trips; i++) {
      if (i === 0 && cpuMs !== undefined) cpu0 = cpuMs([process.pid]);
      const t0 = performance.now();
      // Kept an hour, as the cluster pool's jobs are: waitUntilFinished reads the record when the event came first.
      const job = await queue.add('trip', { x: i }, { removeOnComplete: { age: 3600 } });
      const value = await job.waitUntilFinished(events, 30_000);
      if (value !== i * i) throw new Error(`plain BullMQ: job ${job.id} returned ${value}, not ${i * i}`);
      if (i >= 0) times.push(performance.now() - t0);
    }
    const cpu = cpuMs === undefined ? {} : { cpuMsPerTrip: (cpuMs([process.pid]) - cpu0) / trips };
    return { p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), ...cpu };
  } finally {
    worker.kill('SIGKILL');
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
