import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-cancel-never-stops-the-worker',
  area: 'pool',
  violation: 'the grace period never ends: a task that ignores its abort keeps its worker until it returns, and the pool runs one worker short meanwhile',
  aims: ['pool.cancel.ignored-abort-replaces-the-worker'],
  reaches: (t) => t.some('pool', 'cancellable'),
  poolOptions: (options) => (options.cancelGraceMs === undefined ? options : { ...options, cancelGraceMs: Infinity }),
  pool: {
    cancellable: (base) => (call) => base.cancellable!(call.graceMs === undefined ? call : { ...call, graceMs: Infinity }),
  },
});
