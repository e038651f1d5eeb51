import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exitcode-only-after-join',
  area: 'process',
  violation: 'the exit code is only collected by join(): without a join() it stays null after the child exited',
  aims: ['process.exitcode.known-without-join'],
  reaches: (t) => t.some('process', 'exitCode', (e) => typeof e.value === 'number' && !t.after(e, 'join')),
  process: {
    exitCode: (base, { life }) => async () => {
      const code = await base.exitCode();
      return life.joins === 0 ? null : code;
    },
  },
});
