import { cpus } from 'node:os';
import { defineMutant } from './lib/mutant.js';

const MAPS = new Set(['mapAsync', 'starmapAsync']);

/** Python's default chunksize for map_async: about four chunks per worker. */
function chunksizeFor(length: number, processes: number, given: unknown): number {
  if (typeof given === 'number' && given >= 1) return given;
  const per = processes * 4;
  return Math.max(1, Math.ceil(length / per));
}

function chunked(values: readonly unknown[], size: number): unknown[][] {
  const chunks: unknown[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

export default defineMutant({
  name: 'pool-mapasync-nested-chunks',
  area: 'pool',
  violation: 'map_async and starmap_async return the list of chunk results (a list per chunk), not one flat list of results',
  aims: ['pool.mapasync.get-returns-list', 'pool.starmapasync.get-returns-list'],
  reaches: (t) => t.some('result', 'get', (e) => MAPS.has(t.creation(e.handle)?.op ?? '')),
  result: {
    get: (base, { submitted, pool }) => async (timeoutMs) => {
      const value = await base.get(timeoutMs);
      if (!MAPS.has(submitted.op) || !Array.isArray(value) || value.length === 0) return value;
      return chunked(value, chunksizeFor(value.length, pool.options.processes ?? cpus().length, submitted.chunksize));
    },
  },
});
