import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-ready-at-once',
  area: 'pool',
  violation: 'ready() is true as soon as the task was submitted, before its result exists',
  reaches: (t) => t.some('result', 'ready', (e) => e.value === false),
  result: {
    ready: () => async () => true,
  },
});
