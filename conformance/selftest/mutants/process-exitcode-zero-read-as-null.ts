import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exitcode-zero-read-as-null',
  area: 'process',
  violation: 'an exit code of 0 reads as null, as if the child were still running (`exitCode || null`: 0 is falsy)',
  aims: ['process.exitcode.zero-on-return'],
  reaches: (t) => t.some('process', 'exitCode', (e) => e.value === 0),
  process: {
    exitCode: (base) => async () => (await base.exitCode()) || null,
  },
});
