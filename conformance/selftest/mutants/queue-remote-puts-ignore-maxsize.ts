import type { QueueBlockOptions, QueueHandle } from '../../harness/implementation.js';
import { defineMutant, sleep, type QueueContext } from './lib/mutant.js';

function full(): Error {
  const error = new Error('the queue is full');
  error.name = 'Full';
  return error;
}

/** Waits for room by polling, within the put's timeout; Full when there is none in time. */
async function room(base: QueueHandle, { options, session }: QueueContext, block: QueueBlockOptions | undefined): Promise<void> {
  const maxsize = options.maxsize ?? 0;
  if (maxsize <= 0) return;
  const deadline = block?.block === false ? Date.now() : Date.now() + Math.max(0, block?.timeoutMs ?? Infinity);
  while ((await base.qsize()) >= maxsize) {
    if (Date.now() >= deadline || session.closed) throw full();
    await sleep(10);
  }
}

/**
 * The bound enforced on one path only: the creating process checks maxsize before its own puts, but the queue
 * itself is unbounded, so puts from other processes never wait for room.
 */
export default defineMutant({
  name: 'queue-remote-puts-ignore-maxsize',
  area: 'queue',
  violation: 'maxsize is enforced only for puts made by the creating process; puts from other processes are never held back',
  aims: ['queue.concurrency.bounded-queue-holds-producers-to-its-size'],
  reaches: (t) => t.some('session', 'createQueue', (e) => ((e.args[0] as { maxsize?: number } | undefined)?.maxsize ?? 0) > 0) && t.some('session', 'createProcess'),
  queueOptions: (options) => ({ ...options, maxsize: 0 }),
  queue: {
    put: (base, context) => async (item, options) => {
      await room(base, context, options);
      return base.put(item, options);
    },
    putNowait: (base, context) => async (item) => {
      await room(base, context, { block: false });
      return base.putNowait(item);
    },
    full: (base, { options }) => async () => (options.maxsize ?? 0) > 0 && (await base.qsize()) >= options.maxsize!,
  },
});
