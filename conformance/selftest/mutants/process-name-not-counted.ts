import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-name-not-counted',
  area: 'process',
  violation: "every unnamed Process is called 'Process-1': the counter is never incremented",
  aims: ['process.name.default-counts-up', 'process.name.grandchild-is-numbered-below-parent'],
  reaches: (t) => t.some('process', 'name', (e) => t.options<{ name?: string }>(e.handle).name === undefined),
  // Number 1 is taken here, so that no process of the rule is the real Process-1 (which would hide the bug).
  onOpen: async ({ base }) => {
    await base.createProcess({ target: 'noop' });
  },
  process: {
    name: (base, { options }) => async () => {
      const name = await base.name();
      return options.name === undefined ? 'Process-1' : name;
    },
  },
});
