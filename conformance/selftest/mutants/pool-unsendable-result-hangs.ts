import { getPendingForEver } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

/** The worker could not send its result back: the reference says so in the error it gives the caller. */
const resultLost = (error: unknown) => error instanceof Error && /result .*cannot be sent back/.test(error.message);

export default defineMutant({
  name: 'pool-unsendable-result-hangs',
  area: 'pool',
  violation: 'a worker that cannot send a result back drops it silently: the caller of that task waits for ever',
  aims: ['pool.apply.unsendable-result-raises-and-the-pool-goes-on'],
  reaches: (t) => t.some('pool', ['map', 'apply', 'applyAsync', 'starmap', 'mapAsync'], (e) => e.args[0] === 'returnUnsendable'),
  pool: {
    map: (base, { session }) => (task, items, chunksize) =>
      base.map(task, items, chunksize).catch((error: unknown) => (resultLost(error) ? session.hang() : Promise.reject(error))),
    apply: (base, { session }) => (task, args, kwds) =>
      base.apply(task, args, kwds).catch((error: unknown) => (resultLost(error) ? session.hang() : Promise.reject(error))),
  },
  result: {
    get: getPendingForEver(resultLost),
  },
});
