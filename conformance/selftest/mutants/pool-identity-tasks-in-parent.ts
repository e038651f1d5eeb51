import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IterationOutcome, PoolHandle, TaskName } from '../../harness/implementation.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

/**
 * The pool runs its tasks inside the calling process (threads, as a fallback for a platform without fork would):
 * whatever a task reads about its process (pid, name, daemon) is the parent's. Every task runs so, whatever it is:
 * each call runs its items in turn in a worker thread of the parent, on the reference's task catalog.
 */
const CATALOG = modulePath(import.meta.url, '../adapters/reference/tasks');
const ENTRY = modulePath(import.meta.url, './lib/thread-task');

interface Ran {
  readonly values: unknown[];
  readonly error?: { readonly name: string; readonly message: string };
}

/** A thread running the entry; from the TypeScript sources it first registers tsx, which a worker thread lacks. */
function threadFor(workerData: unknown): Worker {
  if (!ENTRY.endsWith('.ts')) return new Worker(ENTRY, { workerData });
  const code = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(pathToFileURL(ENTRY).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData });
}

function inParent(task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const worker = threadFor({ catalog: CATALOG, task, argLists });
    let ran: Ran | undefined;
    worker.once('message', (message: Ran) => (ran = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (ran !== undefined ? resolve(ran) : reject(new Error(`the task's thread ended (exit code ${code}) without a result`))));
  });
}

const asError = ({ name, message }: { name: string; message: string }) => Object.assign(new Error(message), { name });

async function values(task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const ran = await inParent(task, argLists);
  if (ran.error !== undefined) throw asError(ran.error);
  return ran.values;
}

async function iterate(task: TaskName, items: readonly unknown[]): Promise<IterationOutcome> {
  const ran = await inParent(task, items.map((item) => [item]));
  return ran.error === undefined ? { values: ran.values } : { values: ran.values, error: ran.error };
}

const lists = (items: readonly unknown[]) => items.map((item) => [item]);

export default defineMutant({
  name: 'pool-identity-tasks-in-parent',
  area: 'pool',
  violation: 'tasks run in the parent process (in threads), not in worker processes: a task sees the parent as its process',
  aims: ['pool.pids.workers-differ-from-parent', 'pool.worker.is-daemonic', 'pool.worker.cannot-start-processes'],
  // Only a task that reports where it ran (its pid or identity), or does what only a non-daemonic process may, can tell.
  reaches: (t) => t.submissions().some((e) => ['getPid', 'workerIdentity', 'startChild'].includes(String(e.args[0]))),
  pool: {
    map: (): PoolHandle['map'] => (task, items) => values(task, lists(items)),
    starmap: (): PoolHandle['starmap'] => (task, argLists) => values(task, argLists),
    apply: (): PoolHandle['apply'] => async (task, args) => (await values(task, [args]))[0],
    applyAsync: (): PoolHandle['applyAsync'] => async (task, args) => resultOf(values(task, [args]).then((all) => all[0])),
    mapAsync: (): PoolHandle['mapAsync'] => async (task, items) => resultOf(values(task, lists(items))),
    starmapAsync: (): PoolHandle['starmapAsync'] => async (task, argLists) => resultOf(values(task, argLists)),
    imap: (): PoolHandle['imap'] => (task, items) => iterate(task, items),
    imapUnordered: (): PoolHandle['imapUnordered'] => (task, items) => iterate(task, items),
  },
});
