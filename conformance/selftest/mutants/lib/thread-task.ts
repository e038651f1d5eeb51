/**
 * Worker-thread entry for mutants that run pool tasks inside the parent process: imports the reference's task
 * catalog, runs one task over argument lists in turn and posts back the values (and the first error, if any).
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  readonly catalog: string;
  readonly task: string;
  readonly argLists: readonly (readonly unknown[])[];
}

const { catalog, task, argLists } = workerData as Job;
const tasks = (await import(pathToFileURL(catalog).href)) as Record<string, (...args: unknown[]) => unknown>;
// In a thread, exit() ends the thread only; a signal to our own pid would reach the whole program: end the thread.
const kill = process.kill.bind(process);
process.kill = ((pid: number, signal?: string | number) => (pid === process.pid ? process.exit(1) : kill(pid, signal))) as typeof process.kill;

const values: unknown[] = [];
let error: { name: string; message: string } | undefined;
for (const args of argLists) {
  try {
    values.push(await tasks[task]!(...args));
  } catch (thrown) {
    error = thrown instanceof Error ? { name: thrown.name, message: thrown.message } : { name: typeof thrown, message: String(thrown) };
    break;
  }
}
parentPort!.postMessage({ values, error });
