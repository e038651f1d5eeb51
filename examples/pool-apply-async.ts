/**
 * "Pool.apply_async(): Non-Blocking Execution" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/pool-apply-async.ts
 *
 * `applyAsync()` submits a single task to the pool without waiting. It returns an `AsyncResult` that you can use
 * to check status and retrieve the result later.
 *
 * - `await result.get(timeoutMs)` — wait until the result is ready (Python: `result.get(timeout=None)`)
 * - `result.ready()` — check if the result is available
 * - `result.successful()` — check if the task completed without error
 *
 * The Python waits at most 5 s for each result (`get(timeout=5)`); this port waits 30 s. The first get() also
 * waits for the pool's workers to start: Python forks them in milliseconds, while each Node worker is a new Node
 * process that loads its modules (≈0.2 s with plain `node`, ≈0.5 s under tsx, and several seconds under tsx on
 * a heavily loaded machine), so 5 s would make the example fail for reasons that have nothing to do with it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, isMain, tasks, type AsyncResult } from '../reference/src/index.js';

/** Compute a square with a simulated delay. */
export async function slowSquare(x: number): Promise<number> {
  await sleep(300);
  return x * x;
}

tasks(import.meta, { slowSquare });

if (isMain(import.meta)) {
  const pool = new Pool({ processes: 2 });
  try {
    // Submit tasks asynchronously
    const asyncResults: AsyncResult<number>[] = [];
    for (let i = 1; i < 6; i++) asyncResults.push(pool.applyAsync(slowSquare, [i]));

    // Check status while tasks are running
    console.log('Submitted 5 tasks...');
    await sleep(100);
    for (const [i, ar] of asyncResults.entries()) {
      console.log(`  Task ${i + 1}: ready=${ar.ready()}`);
    }

    // Collect results (waits until each is ready)
    console.log('\nCollecting results:');
    for (const [i, ar] of asyncResults.entries()) {
      const result: number = await ar.get(30_000); // Python: ar.get(timeout=5) — see the note above
      console.log(`  ${i + 1}^2 = ${result}`);
    }
  } finally {
    pool.terminate();
    await pool.join();
  }
}
