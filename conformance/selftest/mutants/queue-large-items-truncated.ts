import { defineMutant } from './lib/mutant.js';

/** One frame of a framing that forgets to read the rest of a long message. */
const FRAME = 64 * 1024;

const firstFrame = (item: unknown) => (typeof item === 'string' && item.length > FRAME ? item.slice(0, FRAME) : item);

export default defineMutant({
  name: 'queue-large-items-truncated',
  area: 'queue',
  violation: 'a string item longer than 64 KiB is cut to its first 64 KiB (only the first frame of the message is read)',
  aims: ['queue.items.large-item-crosses-processes-intact'],
  reaches: (t) => t.some('queue', ['get', 'getNowait', 'put', 'putNowait']),
  queue: {
    get: (base) => async (options) => firstFrame(await base.get(options)),
    getNowait: (base) => async () => firstFrame(await base.getNowait()),
    put: (base) => (item, options) => base.put(firstFrame(item), options),
    putNowait: (base) => (item) => base.putNowait(firstFrame(item)),
  },
});
