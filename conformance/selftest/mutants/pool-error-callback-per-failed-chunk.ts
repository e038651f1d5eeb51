import type { AsyncResultHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/**
 * A map_async that runs each chunk as a job of its own and reports each job's failure: the error_callback is
 * called once per failed chunk instead of once for the map. Built from one reference mapAsync per chunk.
 */
function combined(parts: readonly AsyncResultHandle[]): AsyncResultHandle {
  const all = <T>(each: (part: AsyncResultHandle) => Promise<T>) => Promise.all(parts.map(each));
  return {
    get: async (timeoutMs) => (await all((part) => part.get(timeoutMs) as Promise<unknown[]>)).flat(),
    wait: async (timeoutMs) => {
      await all((part) => part.wait(timeoutMs));
    },
    ready: async () => (await all((part) => part.ready())).every(Boolean),
    successful: async () => (await all((part) => part.successful())).every(Boolean),
    callbacks: async () => {
      const seen = await all((part) => part.callbacks());
      const errors = seen.flatMap((s) => s.errors);
      const done = errors.length === 0 && seen.every((s) => s.values.length > 0);
      return { values: done ? [seen.flatMap((s) => s.values[0] as unknown[])] : [], errors };
    },
  };
}

export default defineMutant({
  name: 'pool-error-callback-per-failed-chunk',
  area: 'pool',
  violation: 'the error_callback of map_async is called once for each failed chunk, not once for the map',
  aims: ['pool.mapasync.error-callback-gets-one-error'],
  reaches: (t) => t.some('pool', ['mapAsync', 'starmapAsync']) && t.some('result', 'callbacks'),
  pool: {
    mapAsync: (base) => async (task, items, chunksize) => {
      const size = chunksize ?? Math.max(1, items.length);
      const chunks = [];
      for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
      if (chunks.length <= 1) return base.mapAsync(task, items, chunksize);
      return combined(await Promise.all(chunks.map((chunk) => base.mapAsync(task, chunk, size))));
    },
  },
});
