/**
 * piscina: a pool of worker threads, fixed size, defaults otherwise. Threads share the process with their caller
 * (no process boundary): a bar a process pool can approach, not a peer (issue 20).
 */
import { Piscina } from 'piscina';
import { mapByChunks, runSystem } from './harness.mjs';

const WORKER = new URL('./thread-worker.mjs', import.meta.url).href;

await runSystem({
  start: (processes) => new Piscina({ filename: WORKER, minThreads: processes, maxThreads: processes }),
  apply: (pool, fn, arg) => pool.run(arg, { name: fn }),
  applyMany: (pool, fn, args) => Promise.all(args.map((arg) => pool.run(arg, { name: fn }))),
  map: (pool, fn, items) => mapByChunks(pool.options.maxThreads, items, fn, (chunk) => pool.run(chunk, { name: 'mapChunk' })),
  stop: (pool) => pool.destroy(),
});
