import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-daemon-default-true',
  area: 'process',
  violation: 'daemon() reports true for a Process created without the flag (the parent misreads its default)',
  aims: ['process.daemon.default-is-false'],
  reaches: (t) =>
    t.some('process', 'daemon', (e) => t.options<{ daemon?: boolean }>(e.handle).daemon === undefined && !t.after(e, 'setDaemon')),
  process: {
    setDaemon: (base, { state }) => async (value) => {
      await base.setDaemon(value);
      state.set = true;
    },
    daemon: (base, { options, state }) => async () => {
      const flag = await base.daemon();
      return options.daemon === undefined && state.set !== true ? true : flag;
    },
  },
});
