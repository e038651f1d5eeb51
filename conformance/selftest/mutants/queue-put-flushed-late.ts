import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext } from './lib/mutant.js';

/**
 * put() hands the item to a buffer of the putting process and returns; the buffer reaches the queue only when that
 * process next uses the queue for anything else (get, qsize, close, …). Seen from elsewhere, an item put is not in
 * the queue yet: another process counts fewer, or waits for it. Not on a timer (it was 4 s): under load a child
 * could take longer than that to start and ask, and then saw every item, so the kill depended on the machine.
 */
type Buffered = [unknown, Parameters<QueueHandle['put']>[1]];

const bufferOf = (state: QueueContext['state']) => ((state.buffer ??= []) as Buffered[]);

/** Flushes what put() held, in order, before the process's next use of the queue. */
function flushedFirst<K extends Exclude<keyof QueueHandle, 'put'>>(key: K) {
  return (base: QueueHandle, { state }: QueueContext) =>
    (async (...args: never[]) => {
      const buffer = bufferOf(state);
      while (buffer.length > 0) await base.put(...buffer.shift()!);
      return (base[key] as (...a: never[]) => Promise<unknown>)(...args);
    }) as QueueHandle[K];
}

export default defineMutant({
  name: 'queue-put-flushed-late',
  area: 'queue',
  violation: "put() returns before the item is in the queue: it reaches the queue only when the putting process next uses that queue",
  aims: ['queue.qsize.seen-from-another-process'],
  reaches: (t) => t.some('queue', 'put') && t.some('session', 'createProcess'),
  queue: {
    put: (_base, { state }) => async (item, options) => {
      bufferOf(state).push([item, options]);
    },
    get: flushedFirst('get'),
    getNowait: flushedFirst('getNowait'),
    putNowait: flushedFirst('putNowait'),
    qsize: flushedFirst('qsize'),
    empty: flushedFirst('empty'),
    full: flushedFirst('full'),
    close: flushedFirst('close'),
  },
});
