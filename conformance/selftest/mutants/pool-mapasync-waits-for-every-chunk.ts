import type { PoolHandle, TaskName } from '../../harness/implementation.js';
import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

/**
 * CPython's map_async: a failed chunk is remembered, but the result is ready (and the error_callback called) only
 * once every chunk has finished. Built from one reference job per chunk; the first failure to arrive is raised.
 */
async function afterEveryChunk(base: PoolHandle, task: TaskName, argLists: readonly (readonly unknown[])[], chunksize = 1): Promise<unknown[]> {
  const chunks: (readonly unknown[])[][] = [];
  for (let i = 0; i < argLists.length; i += chunksize) chunks.push(argLists.slice(i, i + chunksize));
  let first: { error: unknown } | undefined;
  const parts = await Promise.all(chunks.map((chunk) => base.starmapAsync(task, chunk, chunk.length)));
  const values = await Promise.all(
    parts.map((part) =>
      (part.get() as Promise<unknown[]>).catch((error: unknown) => {
        first ??= { error };
        return [];
      }),
    ),
  );
  if (first !== undefined) throw first.error;
  return values.flat();
}

export default defineMutant({
  name: 'pool-mapasync-waits-for-every-chunk',
  area: 'pool',
  violation: "map_async fails only once every chunk has finished (CPython's behaviour), not as soon as one chunk failed",
  aims: ['pool.mapasync.fails-at-the-first-error'],
  reaches: (t) => t.some('pool', ['mapAsync', 'starmapAsync']) && t.some('result', 'get', (e) => e.threw === true),
  pool: {
    mapAsync: (base) => async (task, items, chunksize) => resultOf(afterEveryChunk(base, task, items.map((item) => [item]), chunksize)),
    starmapAsync: (base) => async (task, argLists, chunksize) => resultOf(afterEveryChunk(base, task, argLists, chunksize)),
  },
});
