import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-set-daemon-not-passed',
  area: 'process',
  violation: 'setDaemon() before start() changes what daemon() answers, but the child starts with the flag the Process was created with',
  aims: ['process.daemon.settable-before-start'],
  reaches: (t) => t.some('process', 'setDaemon', (e) => !t.after(e, 'start')),
  process: {
    setDaemon: (base, { life, state }) => async (value) => {
      if (life.started) return base.setDaemon(value);
      state.daemon = value;
    },
    daemon: (base, { state }) => async () => {
      const passed = await base.daemon();
      return (state.daemon as boolean | undefined) ?? passed;
    },
  },
});
