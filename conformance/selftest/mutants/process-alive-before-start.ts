import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-alive-before-start',
  area: 'process',
  violation: 'isAlive() is true for a Process that was created but never started',
  aims: ['process.lifecycle.not-alive-before-start'],
  reaches: (t) => t.some('process', 'isAlive', (e) => !t.after(e, 'start')),
  process: {
    isAlive: (base, { life }) => async () => (await base.isAlive()) || !life.started,
  },
});
