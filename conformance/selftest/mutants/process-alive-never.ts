import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-alive-never',
  area: 'process',
  violation: 'isAlive() is false while the child runs (it checks a flag nothing ever sets)',
  aims: ['process.lifecycle.alive-while-running'],
  reaches: (t) => t.some('process', 'isAlive', (e) => e.value === true),
  process: {
    isAlive: (base) => async () => {
      await base.isAlive();
      return false;
    },
  },
});
