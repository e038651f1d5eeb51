import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-crash-oom-not-recognised',
  area: 'pool',
  violation: 'a worker that exhausted its heap is reported as any crash (SIGABRT, oom false, no out-of-memory hint): the user is left to guess',
  aims: ['pool.crash.heap-exhaustion-says-oom'],
  reaches: (t) => t.some('pool', 'crashReport'),
  pool: {
    crashReport: (base) => async (call) => {
      const report = await base.crashReport!(call);
      if (report.oom === undefined) return report;
      return { ...report, oom: false, ...(report.message === undefined ? {} : { message: report.message.replace(/\n {2}out of memory:[^\n]*/, '') }) };
    },
  },
});
