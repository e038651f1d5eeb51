/**
 * The plain BullMQ worker of the limit rows (bullmq-limit.mjs): a no-op processor (x * x, no logs) on BullMQ's
 * defaults. With `handoff`, the processor hands each job to one child process over Node's bare IPC (JSON, as the
 * floor does) and returns its answer: what any worker must add that runs its tasks in another process, as issue 19
 * requires of the cluster pool's worker command (CPU work on BullMQ's own event loop stops its lock renewal).
 * Prints "ready" once it listens; killed by its parent (its child leaves with it: the channel closes).
 *   node bench/cluster/bullmq-noop-worker.mjs <redis URL> <queue> [handoff]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { connectionOf } from './bullmq-limit.mjs';

const [url, queue, mode] = process.argv.slice(2);

if (mode === 'child') {
  process.on('message', ({ id, x }) => process.send({ id, value: x * x }));
} else {
  let run = async (x) => x * x;
  if (mode === 'handoff') {
    const child = fork(fileURLToPath(import.meta.url), [url, queue, 'child'], { serialization: 'json', execArgv: [] });
    const waiting = new Map();
    let next = 0;
    child.on('message', ({ id, value }) => {
      waiting.get(id)?.(value);
      waiting.delete(id);
    });
    run = (x) => new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      child.send({ id, x });
    });
  }
  const worker = new Worker(queue, (job) => run(job.data.x), { connection: connectionOf(url) });
  worker.on('error', (error) => console.error(`plain BullMQ worker: ${error.message}`));
  await worker.waitUntilReady();
  console.log('ready');
}
