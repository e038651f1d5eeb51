import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-daemon-not-passed',
  area: 'process',
  violation: 'the daemon flag is kept in the parent but never passed to the child: every child runs non-daemonic',
  aims: ['process.daemon.flag-reaches-child', 'process.daemon.cannot-have-children', 'process.daemon.inherited-from-creating-process'],
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { daemon?: boolean }).daemon !== undefined) || t.some('process', 'setDaemon'),
  processOptions: ({ daemon: _dropped, ...options }) => options,
  process: {
    setDaemon: (base, { life, state }) => async (value) => {
      if (life.started) return base.setDaemon(value);
      state.daemon = value;
    },
    daemon: (base, { options, state }) => async () => {
      await base.daemon();
      return (state.daemon as boolean | undefined) ?? options.daemon ?? false;
    },
  },
});
