import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exitcode-before-exit',
  area: 'process',
  violation: 'exitCode reads 0 as soon as the child has a pid, before the child has exited',
  aims: ['process.exitcode.null-while-running', 'process.exitcode.set-only-once-exited'],
  reaches: (t) => t.some('process', 'exitCode', (e) => e.value === null && t.after(e, 'start')),
  process: {
    exitCode: (base) => async () => {
      const code = await base.exitCode();
      return code === null && (await base.pid()) !== null ? 0 : code;
    },
  },
});
