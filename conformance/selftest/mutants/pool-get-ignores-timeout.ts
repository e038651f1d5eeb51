import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-get-ignores-timeout',
  area: 'pool',
  violation: 'AsyncResult.get(timeout) ignores its timeout and waits for the result',
  aims: ['pool.asyncresult.get-timeout-raises'],
  // A get(timeout) that returned on the reference had its value in time: waiting longer changes nothing.
  reaches: (t) => t.some('result', 'get', (e) => e.args[0] !== undefined && e.threw === true),
  result: {
    get: (base) => () => base.get(),
  },
});
