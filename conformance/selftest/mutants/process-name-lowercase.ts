import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-name-lowercase',
  area: 'process',
  violation: "default names read 'process-N' instead of 'Process-N'",
  aims: ['process.name.default-is-process-n'],
  reaches: (t) => t.some('process', 'name', (e) => t.options<{ name?: string }>(e.handle).name === undefined),
  process: {
    name: (base, { options }) => async () => {
      const name = await base.name();
      return options.name === undefined ? name.toLowerCase() : name;
    },
  },
});
