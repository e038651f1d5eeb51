/**
 * "Pool with Initializer" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/pool-initializer.ts
 *
 * You can pass an `initializer` to `new Pool()` that runs once in each worker process when it starts. This is
 * useful for setting up per-worker state (database connections, loading large data, etc.).
 */
import { Pool, isMain, tasks } from '../reference/src/index.js';

// Module-level variable that will be set by the initializer. Each worker imports this module afresh, so each
// has its own copy.
let workerId: number = -1;

/** Initialize each worker with a unique ID. */
export function initWorker(baseId: number): void {
  workerId = baseId + (process.pid % 100);
  console.log(`  Worker initialized: PID=${process.pid}, worker_id=${workerId}`);
}

/** A task that uses worker-local state. */
export function taskWithState(x: number): string {
  return `worker_id=${workerId}, PID=${process.pid}, input=${x}, result=${x * x}`;
}

tasks(import.meta, { initWorker, taskWithState });

if (isMain(import.meta)) {
  console.log('Initializing pool with per-worker setup:');
  let results: string[];
  const pool = new Pool({ processes: 2, initializer: initWorker, initargs: [1000] });
  try {
    results = await pool.map(taskWithState, Array.from({ length: 4 }, (_, i) => i)); // range(4)
  } finally {
    pool.terminate();
    await pool.join();
  }

  console.log('\nResults:');
  for (const r of results) {
    console.log(`  ${r}`);
  }
}
