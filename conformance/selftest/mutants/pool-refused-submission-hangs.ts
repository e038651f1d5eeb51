import { getPendingForEver } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';
import { UNSENDABLE_MARK } from '../../harness/implementation.js';

/** A submission refused before it reached a worker: its argument cannot be sent, or its task cannot be found. */
const refused = (error: unknown) => error instanceof Error && (error.name === 'SerializationError' || error.name === 'TaskReferenceError');

export default defineMutant({
  name: 'pool-refused-submission-hangs',
  area: 'pool',
  violation:
    'a submission refused on its way to a worker (an argument that cannot be sent, a task no worker can find) is lost: the caller waits for ever instead of getting the error',
  aims: ['pool.map.unsendable-argument-raises-and-the-pool-goes-on', 'pool.apply.unresolvable-task-raises-and-the-pool-goes-on'],
  reaches: (t) => t.some('pool', ['map', 'starmap', 'apply', 'mapAsync'], (e) => e.args[0] === 'unregistered' || JSON.stringify(e.args).includes(UNSENDABLE_MARK)),
  pool: {
    map: (base, { session }) => (task, items, chunksize) => base.map(task, items, chunksize).catch((error: unknown) => (refused(error) ? session.hang() : Promise.reject(error))),
    starmap: (base, { session }) => (task, argLists, chunksize) =>
      base.starmap(task, argLists, chunksize).catch((error: unknown) => (refused(error) ? session.hang() : Promise.reject(error))),
    apply: (base, { session }) => (task, args, kwds) => base.apply(task, args, kwds).catch((error: unknown) => (refused(error) ? session.hang() : Promise.reject(error))),
  },
  result: {
    get: getPendingForEver(refused),
  },
});
