import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext } from './lib/mutant.js';

/** Items put through this handle and not yet handed to the queue, oldest first. */
const pendingOf = ({ state }: QueueContext) => (state.pending ??= []) as unknown[];

/** How long buffered items wait for another call before they are flushed anyway (a batching delay). */
const IDLE_FLUSH_MS = 20_000;

async function flush(base: QueueHandle, context: QueueContext): Promise<void> {
  const pending = pendingOf(context);
  while (pending.length > 0) await base.put(pending.shift());
}

/**
 * A buffered put without a feeder: put() returns at once and keeps the item, which reaches the queue only when
 * this handle is next used (only on an unbounded queue, where a put never has to wait for room). Whoever waits in another process is not woken by the put itself.
 */
export default defineMutant({
  name: 'queue-put-flushed-lazily',
  area: 'queue',
  violation: 'put() only buffers the item; the buffer is flushed to the queue on the next call made through the same handle, or after 20 s',
  aims: ['queue.get.blocked-get-in-a-child-wakes-on-a-parent-put'],
  reaches: (t) => t.some('queue', ['put', 'putNowait'], (e) => e.threw !== true),
  queue: {
    put: (base, context) => async (item, options) => {
      if (options?.block === false || options?.timeoutMs !== undefined || (context.options.maxsize ?? 0) > 0) {
        await flush(base, context);
        return base.put(item, options);
      }
      pendingOf(context).push(item);
      clearTimeout(context.state.timer as NodeJS.Timeout | undefined);
      context.state.timer = setTimeout(() => {
        if (!context.session.closed) flush(base, context).catch(() => undefined);
      }, IDLE_FLUSH_MS);
      (context.state.timer as NodeJS.Timeout).unref();
    },
    putNowait: (base, context) => async (item) => {
      await flush(base, context);
      return base.putNowait(item);
    },
    get: (base, context) => async (options) => {
      await flush(base, context);
      return base.get(options);
    },
    getNowait: (base, context) => async () => {
      await flush(base, context);
      return base.getNowait();
    },
    qsize: (base, context) => async () => {
      await flush(base, context);
      return base.qsize();
    },
    empty: (base, context) => async () => {
      await flush(base, context);
      return base.empty();
    },
    full: (base, context) => async () => {
      await flush(base, context);
      return base.full();
    },
  },
});
