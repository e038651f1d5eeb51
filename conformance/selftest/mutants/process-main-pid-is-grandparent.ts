import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-main-pid-is-grandparent',
  area: 'process',
  violation: "currentProcess().pid in the parent is its own parent's pid (process.ppid), not the pid its children see as their parent",
  aims: ['process.pid.child-sees-parent-as-ppid', 'process.parent.pool-worker-sees-the-pool-owner'],
  reaches: (t) => t.some('session', 'currentProcess'),
  session: {
    currentProcess: (base) => async () => ({ ...(await base.currentProcess()), pid: process.ppid }),
  },
});
