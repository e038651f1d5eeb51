import { defineMutant, type QueueContext } from './lib/mutant.js';

function closedError(): Error {
  return new Error('Queue is closed (in this handle only)');
}

/** Runs `call` unless this handle was closed, as a closed handle of the reference would refuse it. */
const unlessClosed = <T>({ state }: QueueContext, call: () => Promise<T>): Promise<T> =>
  state.closed === true ? Promise.reject(closedError()) : call();

/**
 * close() that only marks the handle it was called on: the queue's host is never told, so the queue goes on for
 * every other process, and a get waiting in a child waits on until its timeout.
 */
export default defineMutant({
  name: 'queue-close-stays-local',
  area: 'queue',
  violation: 'close() in the creating process only refuses later calls on that handle; the queue stays open for the other processes',
  aims: ['queue.close.by-its-creator-ends-waits-in-other-processes'],
  reaches: (t) => t.some('queue', 'close') && t.some('session', 'createProcess'),
  queue: {
    close: (_base, { state }) => async () => {
      state.closed = true;
    },
    put: (base, context) => (item, options) => unlessClosed(context, () => base.put(item, options)),
    putNowait: (base, context) => (item) => unlessClosed(context, () => base.putNowait(item)),
    get: (base, context) => (options) => unlessClosed(context, () => base.get(options)),
    getNowait: (base, context) => () => unlessClosed(context, () => base.getNowait()),
    qsize: (base, context) => () => unlessClosed(context, () => base.qsize()),
    empty: (base, context) => () => unlessClosed(context, () => base.empty()),
    full: (base, context) => () => unlessClosed(context, () => base.full()),
  },
});
