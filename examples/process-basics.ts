/**
 * "Creating a Process" from the seed chapter (Python's multiprocessing.Process), in TypeScript.
 * Run: npx tsx examples/process-basics.ts
 */
import { Process, isMain, tasks } from '../reference/src/index.js';

/** A simple worker function that runs in a child process. */
export function worker(name: string): void {
  const pid: number = process.pid;
  const parentPid: number = process.ppid;
  console.log(`Worker '${name}' running in PID ${pid} (parent PID: ${parentPid})`);
}

// Python finds `worker` by pickling its module and name; here the module registers it for children.
tasks(import.meta, { worker });

// Python: if __name__ == "__main__" — a child that imports this module to find `worker` skips this part.
if (isMain(import.meta)) {
  // Create and start a process
  const p = new Process({ target: worker, args: ['alpha'] });
  console.log(`Before start: is_alive=${p.isAlive()}, pid=${p.pid}`);

  p.start();
  console.log(`After start:  is_alive=${p.isAlive()}, pid=${p.pid}`);

  await p.join(); // Wait for the process to finish
  console.log(`After join:   is_alive=${p.isAlive()}, exitcode=${p.exitCode}`);
}
