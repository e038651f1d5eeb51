import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-signal-exit-positive',
  area: 'process',
  violation: "a child killed by signal N reports exit code 128 + N (the shell's convention) instead of -N",
  aims: ['process.exitcode.signal-is-negative'],
  reaches: (t) => t.some('process', 'exitCode', (e) => typeof e.value === 'number' && e.value < 0),
  process: {
    exitCode: (base) => async () => {
      const code = await base.exitCode();
      return code !== null && code < 0 ? 128 - code : code;
    },
  },
});
