/** multiproc, from the built package (dist/ through the package's "exports"), as a user runs it. */
import { performance } from 'node:perf_hooks';
import { Pool } from 'multiproc';
import * as registered from '../tasks/registered.mjs';
import { runSystem } from './harness.mjs';

await runSystem({
  start: (processes) => new Pool({ processes }),
  apply: (pool, fn, arg) => pool.apply(registered[fn], [arg]),
  applyMany: (pool, fn, args) => {
    const task = registered[fn];
    const results = [];
    for (const arg of args) results.push(pool.applyAsync(task, [arg]));
    return Promise.all(results.map((r) => r.get()));
  },
  // Python's map is map_async().get(); the same here, and it takes the array as it is.
  map: (pool, fn, items) => pool.mapAsync(registered[fn], items).get(),
  // g: one item per chunk, so the figure is the pool's scheduling of uneven work.
  mapEach: (pool, fn, items) => pool.mapAsync(registered[fn], items, 1).get(),
  // Issue 20's endless imap (memory-workloads.mjs).
  imap: (pool, fn, iterable, chunksize) => pool.imap(registered[fn], iterable, chunksize),
  // f, f′ (multiproc only): a stubborn task stopped by an abort or by its timeoutMs; resolves with the ms from
  // the abort (or from the TaskTimeoutError, the expiry as the parent sees it) until a fresh task has run.
  freeSlot: async (pool, how, graceMs) => {
    const controller = new AbortController();
    const options = how === 'timeout' ? { timeoutMs: 100, graceMs } : { signal: controller.signal, graceMs };
    const stuck = pool.apply(registered.stubborn, [60_000], undefined, options);
    let t0;
    if (how === 'timeout') {
      await stuck.catch((error) => {
        if (error.name !== 'TaskTimeoutError') throw error;
      });
      t0 = performance.now();
    } else {
      // The pool's only worker is running it once it answers nothing else: give it time to start.
      await new Promise((resolve) => setTimeout(resolve, 100));
      t0 = performance.now();
      controller.abort();
      // As the timeout branch: a wrong outcome is a failure, not a time.
      await stuck.then(() => {
        throw new Error('the stubborn task resolved although its call was aborted');
      }, (error) => {
        if (error.name !== 'AbortError') throw error;
      });
    }
    const ran = await pool.apply(registered.pid, []);
    return { ms: performance.now() - t0, pid: ran };
  },
  mapWithProgress: (pool, fn, items, onProgress) => pool.mapAsync(registered[fn], items, undefined, { onProgress }).get(),
  stop: async (pool) => {
    pool.close();
    await pool.join();
  },
});
