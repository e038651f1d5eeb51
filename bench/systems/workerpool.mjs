/** workerpool with workerType 'process' (child_process.fork), advanced serialization, a fixed size. */
import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import { mapByChunks, runSystem } from './harness.mjs';

const WORKER = fileURLToPath(new URL('./workerpool-worker.mjs', import.meta.url));

await runSystem({
  start: (processes) => Object.assign(workerpool.pool(WORKER, {
    workerType: 'process',
    minWorkers: processes,
    maxWorkers: processes,
    forkOpts: { serialization: 'advanced' },
  }), { processes }),
  apply: (pool, fn, arg) => pool.exec(fn, [arg]),
  applyMany: (pool, fn, args) => Promise.all(args.map((arg) => pool.exec(fn, [arg]))),
  map: (pool, fn, items) => mapByChunks(pool.processes, items, fn, (chunk) => pool.exec('mapChunk', [chunk])),
  stop: (pool) => pool.terminate(),
});
