import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exit-status-signed',
  area: 'process',
  violation: 'the exit status is read as a signed byte: statuses 128–255 come out negative (255 as -1), like signals',
  aims: ['process.exitcode.status-is-taken-modulo-256'],
  reaches: (t) => t.some('process', 'exitCode', (e) => typeof e.value === 'number' && e.value >= 128),
  process: {
    exitCode: (base) => async () => {
      const code = await base.exitCode();
      return code !== null && code >= 128 ? code - 256 : code;
    },
  },
});
