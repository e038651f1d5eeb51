import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext } from './lib/mutant.js';

/** Items this handle took from the queue ahead of time, oldest first. */
const aheadOf = ({ state }: QueueContext) => (state.ahead ??= []) as unknown[];

/** Takes every item the queue holds right now into `ahead`. */
async function readAhead(base: QueueHandle, ahead: unknown[]): Promise<void> {
  for (;;) {
    try {
      ahead.push(await base.getNowait());
    } catch {
      return;
    }
  }
}

/**
 * A batching read meant to save round trips: a get() that has to reach the queue takes every item there is into
 * a buffer of its own and serves the following gets from it, so those items are hidden from other consumers.
 */
export default defineMutant({
  name: 'queue-get-reads-ahead',
  area: 'queue',
  violation: 'get() takes every item the queue holds into a buffer of its own and serves later gets from it, hiding them from other consumers',
  aims: ['queue.concurrency.every-item-once-in-each-producers-order'],
  // Another consumer is a child given the queue (a Process target with it among its args).
  reaches: (t) => t.some('queue', ['get', 'getNowait']) && t.some('session', 'createProcess', (e) => JSON.stringify(e.args).includes('"handle"')),
  queue: {
    get: (base, context) => async (options) => {
      const ahead = aheadOf(context);
      if (ahead.length === 0) {
        ahead.push(await base.get(options));
        await readAhead(base, ahead);
      }
      return ahead.shift();
    },
    getNowait: (base, context) => async () => {
      const ahead = aheadOf(context);
      if (ahead.length === 0) await readAhead(base, ahead);
      if (ahead.length === 0) return base.getNowait();
      return ahead.shift();
    },
    qsize: (base, context) => async () => (await base.qsize()) + aheadOf(context).length,
    empty: (base, context) => async () => aheadOf(context).length === 0 && (await base.empty()),
  },
});
