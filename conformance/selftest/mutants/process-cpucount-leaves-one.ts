import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-cpucount-leaves-one',
  area: 'process',
  violation: 'cpuCount() is the number of CPUs minus one (what a pool would leave for the parent), not the number of CPUs',
  aims: ['process.cpucount.matches-the-system'],
  reaches: (t) => t.some('session', 'cpuCount'),
  session: {
    cpuCount: (base) => async () => Math.max(1, (await base.cpuCount()) - 1),
  },
});
