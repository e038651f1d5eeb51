/**
 * "Multiple Processes and Separate Memory" from the seed chapter: four children put (n, n*n, pid) on one
 * Queue; the parent joins them, then drains the queue.
 * Run: npx tsx examples/queue-compute-square.ts
 */
import { Process, Queue, isMain, tasks } from '../reference/src/index.js';

type Result = [n: number, square: number, pid: number];

/** Compute a square and put the result in a queue. */
export async function computeSquare(n: number, resultQueue: Queue<Result>): Promise<void> {
  const pid: number = process.pid;
  const result: number = n * n;
  // Awaited: the put resolves once the queue holds the item, so it is there when the parent's join() returns.
  await resultQueue.put([n, result, pid]);
}

tasks(import.meta, { computeSquare });

if (isMain(import.meta)) {
  // Use a Queue to collect results from child processes (since child processes have separate memory)
  const queue = new Queue<Result>();
  const processes: Process[] = [];

  for (let i = 0; i < 4; i++) {
    const p = new Process({ target: computeSquare, args: [i, queue] });
    processes.push(p);
    p.start();
  }

  // Wait for all processes to complete (Python's docs warn this can deadlock there; it cannot here)
  for (const p of processes) await p.join();

  // Collect results
  console.log(`Main process PID: ${process.pid}`);
  console.log('\nResults from child processes:');
  while (!(await queue.empty())) {
    const [n, result, pid] = await queue.get();
    console.log(`  ${n}^2 = ${result} (computed by PID ${pid})`);
  }
  queue.close();
}
