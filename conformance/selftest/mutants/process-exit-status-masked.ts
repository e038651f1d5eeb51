import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exit-status-masked',
  area: 'process',
  violation: 'any non-zero exit status is reported as 1 (success or failure, the number lost)',
  aims: ['process.exitcode.exit-status-is-kept'],
  reaches: (t) => t.some('process', 'exitCode', (e) => typeof e.value === 'number' && e.value > 1),
  process: {
    exitCode: (base) => async () => {
      const code = await base.exitCode();
      return code !== null && code > 1 ? 1 : code;
    },
  },
});
