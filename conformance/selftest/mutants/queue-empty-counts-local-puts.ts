import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext } from './lib/mutant.js';

/** The handle's own count: items this process put minus items it got. Other processes' puts are not in it. */
const count = (state: QueueContext['state']) => (state.count as number | undefined) ?? 0;
const add = (state: QueueContext['state'], n: number) => (state.count = count(state) + n);

function counting<K extends 'put' | 'putNowait' | 'get' | 'getNowait'>(key: K, n: number) {
  return (base: QueueHandle, { state }: QueueContext) =>
    (async (...args: unknown[]) => {
      const value = await (base[key] as (...a: unknown[]) => Promise<unknown>)(...args);
      add(state, n);
      return value;
    }) as QueueHandle[K];
}

export default defineMutant({
  name: 'queue-empty-counts-local-puts',
  area: 'queue',
  violation: "empty() answers from a counter of the process's own puts and gets: items other processes put leave it true",
  aims: ['queue.example.compute-square-collects-every-result'],
  reaches: (t) => t.some('queue', 'empty'),
  queue: {
    put: counting('put', 1),
    putNowait: counting('putNowait', 1),
    get: counting('get', -1),
    getNowait: counting('getNowait', -1),
    empty: (base, { state }) => async () => {
      await base.empty();
      return count(state) <= 0;
    },
  },
});
