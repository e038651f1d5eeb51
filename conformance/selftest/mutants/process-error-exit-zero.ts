import { defineMutant } from './lib/mutant.js';

/**
 * The child's handler for an uncaught error prints the traceback and then ends the process normally, as if the
 * target had returned: the parent sees 0 where Python's child exits with 1. A target that calls exit(1) itself
 * would read 0 too; that is the same fault seen from the parent.
 */
export default defineMutant({
  name: 'process-error-exit-zero',
  area: 'process',
  violation: 'an error the target throws is printed and swallowed: the child exits with 0 instead of 1',
  aims: ['process.exitcode.one-on-uncaught-error'],
  reaches: (t) => t.some('process', 'exitCode', (e) => e.value === 1),
  process: {
    exitCode: (base) => async () => {
      const code = await base.exitCode();
      return code === 1 ? 0 : code;
    },
  },
});
