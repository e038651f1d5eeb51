/**
 * "Practical: Sequential vs Parallel Execution" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/pool-sequential-vs-parallel.ts
 *
 * Compares the time of a CPU-bound workload run sequentially with the same workload run in parallel by
 * `Pool.map()`. The parallel time includes starting the pool, as the Python's does.
 *
 * The sum of i*i for i < 2,000,000 is about 2.7e18, beyond the integers a JavaScript number holds exactly
 * (2^53 ≈ 9.0e15), so the task sums BigInts, as Python's int would: the result is exact (2666664666667000000)
 * and crosses to the parent as a BigInt. A plain-number loop would be about twenty times faster, give an
 * approximate sum, and leave too little work to be worth a pool: starting the workers would cost more than the
 * whole sequential run.
 */
import { Pool, isMain, tasks } from '../reference/src/index.js';

/** A CPU-bound task: sum of squares up to n. */
export function cpuBoundTask(n: number): bigint {
  let total: bigint = 0n;
  for (let i = 0; i < n; i++) {
    const b = BigInt(i);
    total += b * b;
  }
  return total;
}

tasks(import.meta, { cpuBoundTask });

if (isMain(import.meta)) {
  const workload: number[] = Array<number>(8).fill(2_000_000); // [2_000_000] * 8

  // Sequential execution
  let start: number = performance.now();
  const sequentialResults: bigint[] = workload.map((n) => cpuBoundTask(n));
  const sequentialTime: number = (performance.now() - start) / 1000;

  // Parallel execution
  start = performance.now();
  let parallelResults: bigint[];
  const pool = new Pool({ processes: 4 });
  try {
    parallelResults = await pool.map(cpuBoundTask, workload);
  } finally {
    pool.terminate();
    await pool.join();
  }
  const parallelTime: number = (performance.now() - start) / 1000;

  const match = sequentialResults.length === parallelResults.length &&
    sequentialResults.every((result, i) => result === parallelResults[i]);

  console.log(`Sequential time: ${sequentialTime.toFixed(3)}s`);
  console.log(`Parallel time:   ${parallelTime.toFixed(3)}s`);
  console.log(`Speedup:         ${(sequentialTime / parallelTime).toFixed(2)}x`);
  console.log(`Results match:   ${match}`); // Python: sequential_results == parallel_results
}
