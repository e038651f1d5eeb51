/**
 * tinypool: a small pool of worker threads (vitest's), fixed size, defaults otherwise. Threads share the process
 * with their caller (no process boundary): a bar a process pool can approach, not a peer (issue 20).
 */
import { Tinypool } from 'tinypool';
import { mapByChunks, runSystem } from './harness.mjs';

const WORKER = new URL('./thread-worker.mjs', import.meta.url).href;

await runSystem({
  start: (processes) => Object.assign(new Tinypool({ filename: WORKER, minThreads: processes, maxThreads: processes }), { processes }),
  apply: (pool, fn, arg) => pool.run(arg, { name: fn }),
  applyMany: (pool, fn, args) => Promise.all(args.map((arg) => pool.run(arg, { name: fn }))),
  map: (pool, fn, items) => mapByChunks(pool.processes, items, fn, (chunk) => pool.run(chunk, { name: 'mapChunk' })),
  stop: (pool) => pool.destroy(),
});
