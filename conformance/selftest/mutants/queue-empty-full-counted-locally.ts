import { defineMutant, type QueueContext } from './lib/mutant.js';

/** Items put minus items got through this handle: all this handle knows of (never below zero). */
const countOf = ({ state }: QueueContext) => Math.max(0, (state.count as number | undefined) ?? 0);
const add = ({ state }: QueueContext, n: number) => (state.count = ((state.count as number | undefined) ?? 0) + n);

/**
 * empty() and full() answered from a counter the handle keeps of its own puts and gets (to spare a round trip),
 * instead of asking the queue every process shares: items other processes put or got are not counted.
 */
export default defineMutant({
  name: 'queue-empty-full-counted-locally',
  area: 'queue',
  violation: 'empty() and full() count only the puts and gets made through this handle, not those of other processes',
  aims: ['queue.state.a-childs-puts-show-in-qsize-empty-and-full'],
  reaches: (t) => t.some('queue', ['empty', 'full']) && t.some('session', 'createProcess'),
  queue: {
    put: (base, context) => async (item, options) => {
      await base.put(item, options);
      add(context, 1);
    },
    putNowait: (base, context) => async (item) => {
      await base.putNowait(item);
      add(context, 1);
    },
    get: (base, context) => async (options) => {
      const item = await base.get(options);
      add(context, -1);
      return item;
    },
    getNowait: (base, context) => async () => {
      const item = await base.getNowait();
      add(context, -1);
      return item;
    },
    // The queue is still asked, so that a closed one rejects as before; its answer is not used.
    empty: (base, context) => async () => {
      await base.qsize();
      return countOf(context) === 0;
    },
    full: (base, context) => async () => {
      await base.qsize();
      const maxsize = context.options.maxsize ?? 0;
      return maxsize > 0 && countOf(context) >= maxsize;
    },
  },
});
