import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-pid-is-parents',
  area: 'process',
  violation: "pid() of a started Process is the parent's own pid (process.pid read in the wrong place)",
  aims: [
    'process.pid.differs-from-parent',
    'process.pid.is-the-childs-own-pid',
    'queue.example.results-carry-each-childs-pid',
  ],
  reaches: (t) => t.some('process', 'pid', (e) => t.after(e, 'start')),
  process: {
    pid: (base) => async () => {
      const pid = await base.pid();
      return pid === null ? null : process.pid;
    },
  },
});
