/**
 * "Process Lifecycle and Exit Codes" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/process-lifecycle.ts
 *
 * | Exit code | Meaning                                   |
 * |-----------|-------------------------------------------|
 * | 0         | Normal termination                        |
 * | > 0       | Exception occurred (exit code 1)          |
 * | < 0       | Killed by signal -N (e.g., -9 = SIGKILL)  |
 * | null      | Process has not yet terminated            |
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Process, isMain, tasks } from '../reference/src/index.js';

/** A task that finishes quickly. */
export async function quickTask(): Promise<void> {
  await sleep(100);
}

/** A task that takes longer. */
export async function slowTask(): Promise<void> {
  await sleep(2000);
}

tasks(import.meta, { quickTask, slowTask });

if (isMain(import.meta)) {
  // Demonstrate process lifecycle
  const p = new Process({ target: quickTask, name: 'QuickWorker' });
  console.log(`Created:  name=${p.name}, alive=${p.isAlive()}, exitcode=${p.exitCode}`);

  p.start();
  console.log(`Started:  name=${p.name}, alive=${p.isAlive()}, exitcode=${p.exitCode}`);

  await p.join();
  console.log(`Finished: name=${p.name}, alive=${p.isAlive()}, exitcode=${p.exitCode}`);

  // Demonstrate join with timeout
  const p2 = new Process({ target: slowTask, name: 'SlowWorker' });
  p2.start();
  await p2.join(500); // Wait at most 0.5 seconds (Python: join(timeout=0.5))
  console.log(`\nAfter timeout: alive=${p2.isAlive()}, exitcode=${p2.exitCode}`);

  p2.terminate(); // Forcibly stop the process
  await p2.join(); // Clean up
  console.log(`After terminate: alive=${p2.isAlive()}, exitcode=${p2.exitCode}`);
}
