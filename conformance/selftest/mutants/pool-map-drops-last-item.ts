import { defineMutant } from './lib/mutant.js';
import { itemsOf } from './lib/trace-view.js';

export default defineMutant({
  name: 'pool-map-drops-last-item',
  area: 'pool',
  violation: 'map loses the last result (an off-by-one in the loop that collects them)',
  aims: ['pool.map.squares-example'],
  reaches: (t) => t.some('pool', 'map', (e) => itemsOf(e).length >= 1),
  pool: {
    map: (base) => async (task, items, chunksize) => (await base.map(task, items, chunksize)).slice(0, -1),
  },
});
