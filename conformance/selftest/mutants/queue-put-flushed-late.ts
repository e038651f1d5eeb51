import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext } from './lib/mutant.js';

/**
 * put() hands the item to a buffer of the putting process and returns; the buffer reaches the queue when that
 * process next uses the queue for anything else (get, qsize, close, …), or FLUSH_MS after the first item went in.
 * Seen from elsewhere, an item put is not in the queue yet: another process counts fewer, or waits for it. The timer
 * was 4 s alone: under load a child could take longer than that to start and ask, and then saw every item; with no
 * timer at all, a child blocked on get() waited out the rule's bound (90 s) for each kill.
 */
const FLUSH_MS = 20_000;

type Buffered = [unknown, Parameters<QueueHandle['put']>[1]];

const bufferOf = (state: QueueContext['state']) => ((state.buffer ??= []) as Buffered[]);

/** Puts what the buffer holds, in order; one flush at a time (the timer's and a call's may meet). */
function flush(base: QueueHandle, state: QueueContext['state']): Promise<void> {
  const running = state.flushing as Promise<void> | undefined;
  if (running !== undefined) return running.then(() => flush(base, state));
  const buffer = bufferOf(state);
  if (buffer.length === 0) return Promise.resolve();
  const done = (async () => {
    // A put that fails now has nobody to tell (the fault's own cost).
    while (buffer.length > 0) await base.put(...buffer.shift()!).catch(() => undefined);
  })().finally(() => (state.flushing = undefined));
  state.flushing = done;
  return done;
}

/** Flushes what put() held before the process's next use of the queue. */
function flushedFirst<K extends Exclude<keyof QueueHandle, 'put'>>(key: K) {
  return (base: QueueHandle, { state }: QueueContext) =>
    (async (...args: never[]) => {
      await flush(base, state);
      return (base[key] as (...a: never[]) => Promise<unknown>)(...args);
    }) as QueueHandle[K];
}

export default defineMutant({
  name: 'queue-put-flushed-late',
  area: 'queue',
  violation: `put() returns before the item is in the queue: it reaches the queue when the putting process next uses that queue, or ${FLUSH_MS / 1000} s later`,
  aims: ['queue.qsize.seen-from-another-process'],
  reaches: (t) => t.some('queue', 'put') && t.some('session', 'createProcess'),
  queue: {
    put: (base, { state }) => async (item, options) => {
      const buffer = bufferOf(state);
      buffer.push([item, options]);
      // Unreferenced: a session that ends first closes the queue anyway.
      if (buffer.length === 1) setTimeout(() => void flush(base, state), FLUSH_MS).unref();
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
