/**
 * The other half of the main guard. A child imports the module of its task (a Process target, a pool task or
 * initializer) to find the function, and that module is often the user's script. Without `isMain()`, the
 * script's top level starts a Process or a Pool again in every child that imports it, each of which imports it
 * again: processes without end (a Pool of 2 or more grows exponentially). Python's spawn refuses to start a
 * process while a child is still bootstrapping; so do we, while a child imports a task module.
 * @python multiprocessing.spawn._check_not_importing_main
 */
import { ProcessStateError } from './errors.js';
import { currentProcess } from './identity.js';

/** The task modules being imported now, oldest first (a pool worker may import several at once). */
type Importing = string[];

// On globalThis for the same reason as the identity: a task module that imports another copy of the library
// must see the import that is running.
const KEY = Symbol.for('multiproc.importingTask');

function importing(): Importing {
  const holder = globalThis as { [KEY]?: Importing };
  return (holder[KEY] ??= []);
}

/**
 * Runs `load` (the import of `moduleUrl`) as this child's bootstrapping: while it is in flight, starting a process
 * is refused. A window, not an async context: in a Process child nothing but that import runs before the target,
 * and a pool worker, where a task may run beside another module's import, is daemonic and refuses to start
 * processes anyway (only the message differs). An AsyncLocalStorage would be exact, but it tracks every promise
 * of the import: about 30 ms more CPU for each child that imports the library (measured on Node 20).
 */
export async function whileImportingTask<T>(moduleUrl: string, load: () => Promise<T>): Promise<T> {
  const inFlight = importing();
  inFlight.push(moduleUrl);
  try {
    return await load();
  } finally {
    inFlight.splice(inFlight.indexOf(moduleUrl), 1);
  }
}

/** Throws, naming the module and the fix, when called from the import of a task module. */
export function refuseWhileImportingTask(what: string): void {
  const moduleUrl = importing()[0];
  if (moduleUrl === undefined) return;
  throw new ProcessStateError(
    'An attempt has been made to start a new process before the current process has finished its ' +
      `bootstrapping phase: ${what} ran in ${currentProcess().name} while it was importing ${moduleUrl} to find ` +
      'its task, so every child importing that module would start processes again, without end. ' +
      "You have probably forgotten to use the proper idiom in the main module (Python: if __name__ == '__main__':): " +
      'guard its own work with if (isMain(import.meta)) { … } and keep only definitions and tasks(…) outside',
  );
}

/**
 * Throws when this process is daemonic (a daemonic Process's target, a pool worker's task): Python's daemonic
 * processes may not have children, since they are killed with their parent and would leave theirs orphaned.
 * @python multiprocessing.process.BaseProcess.start: "daemonic processes are not allowed to have children"
 */
export function refuseInDaemon(what: string): void {
  if (!currentProcess().daemon) return;
  throw new ProcessStateError(
    `daemonic processes are not allowed to have children: ${what} ran in ${currentProcess().name}, which is ` +
      'daemonic (pool workers always are); create the Process with daemon: false in the parent if this one must ' +
      'start processes, or return the work to the parent',
  );
}
