import type { QueueBlockOptions, QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext } from './lib/mutant.js';

/**
 * Emulates a queue kept as a stack: a get() takes the newest item there is. Every item already in the queue is
 * moved into a local stack, whose top is returned; qsize() and empty() count the stack too.
 */
const stackOf = ({ state }: QueueContext) => (state.stack ??= []) as unknown[];

async function drain(base: QueueHandle, stack: unknown[]): Promise<void> {
  for (;;) {
    try {
      stack.push(await base.getNowait());
    } catch {
      return;
    }
  }
}

export default defineMutant({
  name: 'queue-lifo',
  area: 'queue',
  violation: 'the queue is a stack: get() returns the newest item, not the oldest (LIFO instead of FIFO)',
  aims: ['queue.fifo.one-producer-keeps-order'],
  reaches: (t) => {
    const gets = t.calls('queue', ['get', 'getNowait']).filter((e) => e.threw !== true);
    return gets.some((e) => gets.filter((other) => other.handle === e.handle).length >= 2);
  },
  queue: {
    get: (base, context) => async (options?: QueueBlockOptions) => {
      const stack = stackOf(context);
      await drain(base, stack);
      return stack.length > 0 ? stack.pop() : base.get(options);
    },
    getNowait: (base, context) => async () => {
      const stack = stackOf(context);
      await drain(base, stack);
      return stack.length > 0 ? stack.pop() : base.getNowait();
    },
    qsize: (base, context) => async () => (await base.qsize()) + stackOf(context).length,
    empty: (base, context) => async () => stackOf(context).length === 0 && (await base.empty()),
  },
});
