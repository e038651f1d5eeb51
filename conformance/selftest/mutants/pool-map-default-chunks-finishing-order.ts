import { cpus } from 'node:os';
import type { PoolHandle, TaskName } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { durationsOf } from './lib/trace-view.js';

/**
 * With no chunksize given, map cuts the input into Python's default chunks (about four per worker) and joins the
 * chunks' results in the order the chunks finished: each chunk is in order, the chunks are not. A chunksize the
 * caller gives goes the reference's way.
 */
async function defaultChunksInFinishingOrder(base: PoolHandle, processes: number, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const size = Math.max(1, Math.ceil(argLists.length / (processes * 4)));
  const chunks: (readonly (readonly unknown[])[])[] = [];
  for (let i = 0; i < argLists.length; i += size) chunks.push(argLists.slice(i, i + size));
  const results = await Promise.all(chunks.map((chunk) => base.starmapAsync(task, chunk, chunk.length)));
  const arrived: unknown[][] = [];
  await Promise.all(results.map((result) => result.get().then((values) => arrived.push(values as unknown[]))));
  return arrived.flat();
}

export default defineMutant({
  name: 'pool-map-default-chunks-finishing-order',
  area: 'pool',
  violation: 'map and starmap without a chunksize join the results of their default chunks in the order the chunks finished',
  aims: ['pool.map.default-chunksize-still-ordered'],
  // Chunks of items that take the same (or no) time finish in the order they were handed out, nearly always.
  reaches: (t) => t.some('pool', ['map', 'starmap'], (e) => e.args[2] === undefined && new Set(durationsOf(e)).size >= 2),
  pool: {
    map: (base, { options }) => (task, items, chunksize) =>
      chunksize !== undefined ? base.map(task, items, chunksize)
        : defaultChunksInFinishingOrder(base, options.processes ?? cpus().length, task, items.map((item) => [item])),
    starmap: (base, { options }) => (task, argLists, chunksize) =>
      chunksize !== undefined ? base.starmap(task, argLists, chunksize)
        : defaultChunksInFinishingOrder(base, options.processes ?? cpus().length, task, argLists),
  },
});
