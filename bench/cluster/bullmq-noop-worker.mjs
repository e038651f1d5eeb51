/**
 * The plain BullMQ worker of the limit row (bullmq-limit.mjs): a no-op processor (x * x, no process hand-off,
 * no logs) on BullMQ's defaults. Prints "ready" once it listens; killed by its parent.
 *   node bench/cluster/bullmq-noop-worker.mjs <redis URL> <queue>
 */
import { Worker } from 'bullmq';
import { connectionOf } from './bullmq-limit.mjs';

const [url, queue] = process.argv.slice(2);
const worker = new Worker(queue, async (job) => job.data.x * job.data.x, { connection: connectionOf(url) });
worker.on('error', (error) => console.error(`plain BullMQ worker: ${error.message}`));
await worker.waitUntilReady();
console.log('ready');
