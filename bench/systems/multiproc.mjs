/** multiproc, from the built package (dist/ through the package's "exports"), as a user runs it. */
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
  mapWithProgress: (pool, fn, items, onProgress) => pool.mapAsync(registered[fn], items, undefined, { onProgress }).get(),
  stop: async (pool) => {
    pool.close();
    await pool.join();
  },
});
