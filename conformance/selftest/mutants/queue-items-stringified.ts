import { defineMutant } from './lib/mutant.js';

/** An array or plain object: what a by-value queue keeps and a text-only one turns into "[object Object]". */
const isStructured = (value: unknown) =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);

const asText = (value: unknown) => (isStructured(value) ? String(value) : value);

export default defineMutant({
  name: 'queue-items-stringified',
  area: 'queue',
  violation: 'arrays and objects come out of the queue as text (String(item)), not as the values that were put',
  aims: ['queue.items.keep-their-value-across-processes'],
  reaches: (t) => t.some('queue', ['get', 'getNowait'], (e) => e.threw !== true),
  queue: {
    get: (base) => async (options) => asText(await base.get(options)),
    getNowait: (base) => async () => asText(await base.getNowait()),
  },
});
