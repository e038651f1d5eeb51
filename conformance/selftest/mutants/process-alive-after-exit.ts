import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-alive-after-exit',
  area: 'process',
  violation: 'isAlive() stays true once the process was started, also after it exited',
  aims: ['process.lifecycle.not-alive-after-exit-without-join', 'process.lifecycle.not-alive-after-join'],
  reaches: (t) => t.some('process', 'isAlive', (e) => e.value === false && t.after(e, 'start')),
  process: {
    isAlive: (base, { life }) => async () => (await base.isAlive()) || life.started,
  },
});
