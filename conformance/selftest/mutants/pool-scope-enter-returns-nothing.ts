import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-scope-enter-returns-nothing',
  area: 'pool',
  violation: 'entering the pool\'s scope gives nothing (an __enter__ that forgets to return self): the name bound by the scope is not the pool',
  aims: ['pool.scope.entering-gives-the-pool'],
  reaches: (t) => t.some('pool', 'scope'),
  pool: {
    scope: (base) => async () => ({ ...(await base.scope!()), enteredIsPool: false }),
  },
});
