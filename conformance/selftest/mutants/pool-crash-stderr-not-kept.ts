import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-crash-stderr-not-kept',
  area: 'pool',
  violation: 'workers write to an inherited stderr, so a dead worker\'s error has nothing of what it last wrote (an empty tail, a one-line message)',
  aims: ['pool.crash.error-carries-the-stderr-tail'],
  reaches: (t) => t.some('pool', 'crashReport'),
  pool: {
    crashReport: (base) => async (call) => {
      const report = await base.crashReport!(call);
      if (report.stderrTail === undefined) return report;
      return { ...report, stderrTail: '', ...(report.message === undefined ? {} : { message: report.message.split('\n')[0]! }) };
    },
  },
});
