import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-terminate-waits-for-target',
  area: 'process',
  violation:
    'terminate() is graceful: it lets the target finish its work (finally clauses included), for up to 10 s, before the signal is sent',
  aims: ['process.terminate.skips-finally-clauses'],
  reaches: (t) => t.some('process', 'terminate', (e) => t.after(e, 'start')),
  process: {
    terminate: (base, { life }) => async () => {
      if (life.started) await base.join(10_000);
      await base.terminate();
    },
  },
});
