import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-stderr-first-line-only',
  area: 'process',
  violation: "the child's stderr is read up to its first newline: what the child printed after that line is lost",
  aims: ['process.stderr.failing-target-prints-header-and-error', 'process.stderr.non-numeric-status-is-printed'],
  reaches: (t) => t.some('process', 'stderr'),
  process: {
    stderr: (base) => async () => {
      const text = await base.stderr!();
      const end = text.indexOf('\n');
      return end === -1 ? text : text.slice(0, end + 1);
    },
  },
});
