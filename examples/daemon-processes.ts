/**
 * "Process Names and Daemon Processes" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/daemon-processes.ts
 *
 * - Set `daemon: true` before calling start() to create a daemon process
 * - Daemon processes cannot spawn child processes of their own
 * - They are terminated when the main process exits
 */
import { Process, currentProcess, isMain, tasks } from '../reference/src/index.js';

/** Worker that prints its own name and PID. */
export function namedWorker(): void {
  const proc = currentProcess();
  console.log(`  Process name=${proc.name}, PID=${process.pid}, daemon=${proc.daemon}`);
}

tasks(import.meta, { namedWorker });

if (isMain(import.meta)) {
  // Named processes
  const p1 = new Process({ target: namedWorker, name: 'Worker-A' });
  const p2 = new Process({ target: namedWorker, name: 'Worker-B' });

  p1.start();
  p2.start();
  await p1.join();
  await p2.join();

  // Daemon process example
  console.log('\nDaemon process:');
  const p3 = new Process({ target: namedWorker, name: 'Daemon-Worker', daemon: true });
  p3.start();
  // Must join daemon processes explicitly if you want to wait. The seed waits 2 s, ample for a fork in Python;
  // a Node child (more so under tsx, on a busy machine) can take longer just to start (over 10 s was seen at a
  // load average of 60), so we allow 60 s. join() returns as soon as the child has exited.
  await p3.join(60_000);
  console.log(`  p3 daemon=${p3.daemon}, exitcode=${p3.exitCode}`);
}
