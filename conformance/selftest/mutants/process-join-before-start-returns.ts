import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-join-before-start-returns',
  area: 'process',
  violation: 'join() on a process that was never started returns instead of failing',
  aims: ['process.join.before-start-fails'],
  reaches: (t) => t.some('process', 'join', (e) => !t.after(e, 'start')),
  process: {
    join: (base, { life }) => async (timeoutMs) => {
      if (!life.started) return;
      await base.join(timeoutMs);
    },
  },
});
