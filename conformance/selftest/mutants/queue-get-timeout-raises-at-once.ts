import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'queue-get-timeout-raises-at-once',
  area: 'queue',
  violation: 'get(timeout) on an empty queue raises Empty at once instead of waiting up to the timeout (the timeout is read as "do not block")',
  aims: ['queue.get.timeout-raises-empty'],
  reaches: (t) => t.some('queue', 'get', (e) => e.threw === true),
  queue: {
    get: (base) => async (options) =>
      options?.timeoutMs !== undefined && (await base.empty()) ? base.getNowait() : base.get(options),
  },
});
