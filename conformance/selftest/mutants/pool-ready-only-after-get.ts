import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-ready-only-after-get',
  area: 'pool',
  violation: 'ready() only becomes true once get() has fetched the result',
  aims: ['pool.applyasync.ready-becomes-true'],
  reaches: (t) => t.some('result', 'ready', (e) => e.value === true && !t.earlier(e, 'get').some((g) => g.threw !== true)),
  result: {
    get: (base, { state }) => async (timeoutMs) => {
      try {
        return await base.get(timeoutMs);
      } finally {
        if (await base.ready()) state.fetched = true;
      }
    },
    ready: (base, { state }) => async () => (await base.ready()) && state.fetched === true,
  },
});
