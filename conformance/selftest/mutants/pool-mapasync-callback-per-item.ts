import { defineMutant } from './lib/mutant.js';

const MAPS = new Set(['mapAsync', 'starmapAsync']);

export default defineMutant({
  name: 'pool-mapasync-callback-per-item',
  area: 'pool',
  violation: "map_async's callback is called once per item, with that item's result, instead of once with the whole list",
  aims: ['pool.callbacks.mapasync-callback-gets-the-list'],
  reaches: (t) => t.some('result', 'callbacks', (e) => ['mapAsync', 'starmapAsync'].includes(t.creation(e.handle)?.op ?? '')),
  result: {
    callbacks: (base, { submitted }) => async () => {
      const seen = await base.callbacks();
      if (!MAPS.has(submitted.op)) return seen;
      return { ...seen, values: seen.values.flatMap((value) => (Array.isArray(value) ? value : [value])) };
    },
  },
});
