import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-scope-exit-closes',
  area: 'pool',
  violation: 'leaving the pool\'s scope calls close() and join() instead of terminate(): it waits for the work still running to finish',
  aims: ['pool.scope.leaving-terminates-the-pool'],
  reaches: (t) => t.some('result', 'leave'),
  pool: {
    scope: (base) => async () => {
      const scope = await base.scope!();
      return {
        ...scope,
        leave: async () => {
          await base.close();
          await base.join();
        },
      };
    },
  },
});
