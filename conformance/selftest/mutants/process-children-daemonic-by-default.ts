import { defineMutant } from './lib/mutant.js';

/**
 * Children made daemonic when the flag is not given (so that none could outlive its parent), while the Process
 * object still reports the documented default, false. A daemonic child may not start processes of its own, so a
 * child that starts one (a pool, a grandchild that shares its queue) fails, though nothing in the parent shows why.
 */
export default defineMutant({
  name: 'process-children-daemonic-by-default',
  area: 'process',
  violation: 'a child created without the daemon flag runs daemonic (its handle still says false): it may not start children of its own',
  aims: ['pool.nested.child-process-runs-its-own-pool', 'queue.nested.child-passes-its-queue-to-a-grandchild'],
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { daemon?: boolean }).daemon === undefined),
  processOptions: (options) => (options.daemon === undefined ? { ...options, daemon: true } : options),
  process: {
    setDaemon: (base, { state }) => async (value) => {
      await base.setDaemon(value);
      state.daemon = value;
    },
    daemon: (base, { options, state }) => async () => {
      await base.daemon();
      return (state.daemon as boolean | undefined) ?? options.daemon ?? false;
    },
  },
});
