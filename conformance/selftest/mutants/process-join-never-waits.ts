import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-join-never-waits',
  area: 'process',
  violation: 'join() returns at once, without waiting for the child to exit',
  aims: ['process.join.waits-for-exit', 'process.lifecycle.child-waits-for-work-left-running'],
  // A join() that returned at once on the reference found the child gone: not waiting changes nothing.
  reaches: (t) => t.some('process', 'join', (e) => e.waited === true && t.after(e, 'start')),
  process: {
    join: (base) => () => base.join(0),
  },
});
