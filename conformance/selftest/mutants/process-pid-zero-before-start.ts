import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-pid-zero-before-start',
  area: 'process',
  violation: 'pid() is 0 (not null) before start()',
  aims: ['process.pid.null-before-start'],
  reaches: (t) => t.some('process', 'pid', (e) => !t.after(e, 'start')),
  process: {
    pid: (base) => async () => (await base.pid()) ?? 0,
  },
});
