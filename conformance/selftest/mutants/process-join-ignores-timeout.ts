import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-join-ignores-timeout',
  area: 'process',
  violation: 'join(timeout) ignores its timeout and waits for the child to end',
  aims: ['process.join.timeout-returns-while-running'],
  // A join(timeout) that returned before its timeout saw the child exit: waiting for the exit changes nothing.
  reaches: (t) => t.some('process', 'join', (e) => e.args[0] !== undefined && e.full === true && t.after(e, 'start')),
  process: {
    join: (base) => () => base.join(),
  },
});
