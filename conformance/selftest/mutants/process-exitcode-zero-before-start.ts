import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exitcode-zero-before-start',
  area: 'process',
  violation: 'exitCode is 0 (not null) before start()',
  aims: ['process.exitcode.null-before-start'],
  reaches: (t) => t.some('process', 'exitCode', (e) => !t.after(e, 'start')),
  process: {
    exitCode: (base, { life }) => async () => {
      const code = await base.exitCode();
      return life.started ? code : (code ?? 0);
    },
  },
});
