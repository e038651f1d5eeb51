import { defineMutant } from './lib/mutant.js';

const RAISING = new Set(['raiseError', 'risky', 'raiseTypeError']);

export default defineMutant({
  name: 'process-error-exit-zero',
  area: 'process',
  violation: 'an error the target throws is printed and swallowed: the child exits with 0 instead of 1 (emulated for the raising tasks)',
  reaches: (t) => t.some('process', 'exitCode', (e) => e.value === 1 && RAISING.has(String(t.options(e.handle).target))),
  process: {
    exitCode: (base, { options }) => async () => {
      const code = await base.exitCode();
      return code === 1 && RAISING.has(options.target) ? 0 : code;
    },
  },
});
