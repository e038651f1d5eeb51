import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';

/**
 * A pool whose failed map leaves its other chunks behind (results nobody collects, a worker blocked on a full
 * result channel, as in bpo-23992): after close() the workers never exit, so join() never returns; terminate()
 * still kills them.
 */
export default defineMutant({
  name: 'pool-join-hangs-after-failed-map',
  area: 'pool',
  violation: 'after a map() failed with a task error, close() then join() never returns (terminate() then join() does)',
  aims: ['pool.join.returns-after-a-failed-map'],
  reaches: (t) => t.some('pool', ['map', 'starmap'], (e) => e.threw === true) && t.some('pool', 'close') && t.some('pool', 'join'),
  pool: {
    map: (base, { state }) => (task, items, chunksize) =>
      base.map(task, items, chunksize).catch((error: unknown) => {
        if (fromWorker(error)) state.failedMap = true;
        throw error;
      }),
    starmap: (base, { state }) => (task, argLists, chunksize) =>
      base.starmap(task, argLists, chunksize).catch((error: unknown) => {
        if (fromWorker(error)) state.failedMap = true;
        throw error;
      }),
    join: (base, { state, life, session }) => () =>
      state.failedMap === true && life.closed && !life.terminated ? session.hang<void>() : base.join(),
  },
});
