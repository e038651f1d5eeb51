import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-callbacks-twice',
  area: 'pool',
  violation: 'the callback (or error callback) is called twice for one result (emulated by recording each call twice)',
  aims: ['pool.callbacks.callback-gets-the-result-once', 'pool.callbacks.error-callback-gets-the-error-once'],
  reaches: (t) => t.some('result', 'callbacks'),
  result: {
    callbacks: (base) => async () => {
      const seen = await base.callbacks();
      return { values: seen.values.flatMap((v) => [v, v]), errors: seen.errors.flatMap((e) => [e, e]) };
    },
  },
});
