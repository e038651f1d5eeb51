import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-rename-ignored-after-start',
  area: 'process',
  violation: "the name is treated as part of the child's configuration: once start() ran, setting it does nothing",
  aims: ['process.name.settable-at-any-time'],
  reaches: (t) => t.some('process', 'setName', (e) => t.after(e, 'start')),
  process: {
    setName: (base, { life }) => async (value) => {
      if (!life.started) await base.setName!(value);
    },
  },
});
