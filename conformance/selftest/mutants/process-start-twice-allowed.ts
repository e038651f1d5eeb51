import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-start-twice-allowed',
  area: 'process',
  violation: 'a second start() is silently ignored instead of failing',
  aims: ['process.start.twice-fails'],
  reaches: (t) => t.some('process', 'start', (e) => t.after(e, 'start')),
  process: {
    start: (base, { life }) => async () => {
      if (life.started) return;
      await base.start();
    },
  },
});
