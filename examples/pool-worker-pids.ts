/**
 * "Separate Process IDs" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/pool-worker-pids.ts
 *
 * Each pool worker runs in a separate OS process with its own PID. This is what gives true parallelism, but it
 * also means that data must be serialized (Python: pickled; here: structured clone) to pass between processes.
 */
import { Pool, isMain, tasks } from '../reference/src/index.js';
import { pyRepr } from './py-format.js';

/** Return the current process ID. */
export function getPid(_: number = 0): number {
  return process.pid;
}

tasks(import.meta, { getPid });

if (isMain(import.meta)) {
  const mainPid: number = process.pid;
  console.log(`Main process PID: ${mainPid}`);

  let pids: number[];
  const pool = new Pool({ processes: 3 });
  try {
    pids = await pool.map(getPid, Array.from({ length: 6 }, (_, i) => i)); // range(6)
  } finally {
    pool.terminate();
    await pool.join();
  }

  console.log(`Worker PIDs:      ${pyRepr(pids)}`);
  const uniquePids = new Set<number>(pids);
  console.log(`Unique workers:   ${pyRepr(uniquePids)}`);
  console.log(`\nAll worker PIDs differ from main: ${pids.every((pid) => pid !== mainPid)}`);
  console.log(`Number of unique workers: ${uniquePids.size}`);
}
