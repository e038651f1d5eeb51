import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-pid-is-parents',
  area: 'process',
  violation: "pid() of a started Process is the parent's own pid (process.pid read in the wrong place)",
  reaches: (t) => t.some('process', 'pid', (e) => t.after(e, 'start')),
  process: {
    pid: (base) => async () => {
      const pid = await base.pid();
      return pid === null ? null : process.pid;
    },
  },
});
