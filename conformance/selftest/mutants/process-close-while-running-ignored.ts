import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-close-while-running-ignored',
  area: 'process',
  violation: 'close() on a running process returns quietly (and closes nothing) instead of raising',
  aims: ['process.close.while-running-fails'],
  reaches: (t) => t.some('process', 'close', (e) => t.after(e, 'start')),
  process: {
    close: (base) => async () => {
      if (await base.isAlive().catch(() => false)) return;
      await base.close();
    },
  },
});
