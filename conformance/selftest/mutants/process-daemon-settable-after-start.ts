import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-daemon-settable-after-start',
  area: 'process',
  violation: 'the daemon flag can be changed after start() (the new value is reported, though the child never sees it)',
  aims: ['process.daemon.cannot-change-after-start'],
  reaches: (t) => t.some('process', 'setDaemon', (e) => t.after(e, 'start')),
  process: {
    setDaemon: (base, { life, state }) => async (value) => {
      if (life.started) state.daemon = value;
      else await base.setDaemon(value);
    },
    daemon: (base, { state }) => async () => {
      const flag = await base.daemon();
      return (state.daemon as boolean | undefined) ?? flag;
    },
  },
});
