/**
 * "Pool: Managing Worker Processes" from the seed chapter (Python's multiprocessing.Pool and Pool.map()), in
 * TypeScript.
 * Run: npx tsx examples/pool-map.ts
 *
 * Key methods:
 * - `map(fn, iterable)` — apply `fn` to every item, return ordered results (await it)
 * - `starmap(fn, iterable)` — like `map()` but unpacks argument tuples (arrays)
 * - `apply(fn, args)` — call `fn` with `args` in a worker (await it)
 * - `applyAsync(fn, args)` — does not wait, returns an `AsyncResult`
 * - `mapAsync(fn, iterable)` — the same for `map()`
 */
import { Pool, isMain, tasks } from '../reference/src/index.js';
import { pyRepr } from './py-format.js';

/** Compute the square of a number. */
export function square(x: number): number {
  return x * x;
}

// Python pickles `square` by module and name; here the module registers it so a pool worker can find it.
tasks(import.meta, { square });

if (isMain(import.meta)) {
  let results: number[];
  // Pool.map() distributes work across a pool of workers.
  // try … finally terminates the pool and waits for its workers, as Python's `with multiprocessing.Pool() as pool:`
  // does at the end of the block (`await using pool = …` does the same where the runtime accepts it: README.md).
  const pool = new Pool({ processes: 2 });
  try {
    results = await pool.map(square, [1, 2, 3, 4, 5, 6, 7, 8]);
  } finally {
    pool.terminate();
    await pool.join();
  }

  console.log(`Input:   ${pyRepr(Array.from({ length: 8 }, (_, i) => i + 1))}`); // list(range(1, 9))
  console.log(`Squared: ${pyRepr(results)}`);
}
