/**
 * "Multiple Processes and Separate Memory" from the seed chapter, in TypeScript — without a Queue.
 * Run: npx tsx examples/separate-memory.ts
 *
 * Each process has its own memory space. Modifications to variables in a child process do not affect the
 * parent process. This is fundamentally different from threading, where threads share the same memory.
 *
 * The seed collects results through a multiprocessing.Queue (that port is queue-compute-square.ts); this one
 * shows the same fact with module-level state: each child changes its own copy of `counter` and `items` and
 * prints it, and the parent's copy is unchanged afterwards.
 */
import { Process, isMain, tasks } from '../reference/src/index.js';

// Module-level state. A child imports this module afresh, so it gets its own copy of both.
let counter: number = 0;
const items: number[] = [];

/** Modify the module-level state in the child and print what the child sees. */
export function modifyState(n: number): void {
  const pid: number = process.pid;
  counter += n * n;
  items.push(n);
  console.log(`  Child PID ${pid}: counter=${counter}, items=${JSON.stringify(items)}`);
}

tasks(import.meta, { modifyState });

if (isMain(import.meta)) {
  console.log(`Main process PID: ${process.pid}`);
  console.log(`Before: counter=${counter}, items=${JSON.stringify(items)}`);

  // Create multiple processes
  const processes: Process[] = [];
  console.log('\nChild processes modify their own copies:');
  for (let i = 0; i < 4; i++) {
    const p = new Process({ target: modifyState, args: [i + 1] });
    processes.push(p);
    p.start();
    // Join each before starting the next so the child lines print in order.
    await p.join();
  }

  // The parent's copies are untouched
  console.log(`\nAfter:  counter=${counter}, items=${JSON.stringify(items)}`);
  console.log(`Exit codes: ${JSON.stringify(processes.map((p) => p.exitCode))}`);
  console.log(`Parent unchanged: ${counter === 0 && items.length === 0}`);
}
