import type { QueueBlockOptions } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/** A negative timeout clamped to zero, as multiprocessing.Queue takes it, instead of refused. */
const clamped = (options?: QueueBlockOptions): QueueBlockOptions | undefined =>
  options?.timeoutMs !== undefined && options.timeoutMs < 0 ? { ...options, timeoutMs: 0 } : options;

export default defineMutant({
  name: 'queue-negative-timeout-polls',
  area: 'queue',
  violation: 'a negative timeoutMs is taken as zero (a poll) instead of refused with an error naming it',
  aims: ['queue.timeout.negative-is-refused'],
  reaches: (t) => t.some('queue', ['get', 'put'], (e) => e.args.some((a) => typeof a === 'object' && a !== null && ((a as QueueBlockOptions).timeoutMs ?? 0) < 0)),
  queue: {
    get: (base) => (options) => base.get(clamped(options)),
    put: (base) => (item, options) => base.put(item, clamped(options)),
  },
});
