/** poolifier's fixed cluster pool (worker processes), with advanced serialization, defaults otherwise. */
import { fileURLToPath } from 'node:url';
import { FixedClusterPool } from 'poolifier';
import { mapByChunks, runSystem } from './harness.mjs';

const WORKER = fileURLToPath(new URL('./poolifier-worker.cjs', import.meta.url));

await runSystem({
  start: (processes) => new FixedClusterPool(processes, WORKER, {
    settings: { serialization: 'advanced' },
    errorHandler: (error) => console.error('poolifier worker error:', error),
  }),
  apply: (pool, fn, arg) => pool.execute(arg, fn),
  applyMany: (pool, fn, args) => Promise.all(args.map((arg) => pool.execute(arg, fn))),
  map: (pool, fn, items) => mapByChunks(pool.info.maxSize, items, fn, (chunk) => pool.execute(chunk, 'mapChunk')),
  stop: (pool) => pool.destroy(),
});
