import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-crash-error-without-task',
  area: 'pool',
  violation: 'a dead worker\'s error says how the worker ended but not which task it was running (no task name)',
  aims: ['pool.crash.error-names-pid-exit-code-signal-task-and-index'],
  reaches: (t) => t.some('pool', 'crashReport'),
  pool: {
    crashReport: (base) => async (call) => {
      const { task: _dropped, ...report } = await base.crashReport!(call);
      return report;
    },
  },
});
