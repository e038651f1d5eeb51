/**
 * The other half of the main guard. A child imports the module of its task (a Process target, a pool task or
 * initializer) to find the function, and that module is often the user's script. Without `isMain()`, the
 * script's top level starts a Process or a Pool again in every child that imports it, each of which imports it
 * again: processes without end (a Pool of 2 or more grows exponentially). Python's spawn refuses to start a
 * process while a child is still bootstrapping; so do we, while a child imports a task module.
 * @python multiprocessing.spawn._check_not_importing_main
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ProcessStateError } from './errors.js';
import { currentProcess } from './identity.js';

interface Importing {
  /** The URL of the module being imported, in every async context its import started. */
  readonly storage: AsyncLocalStorage<string>;
  /** Imports not yet settled (a pool worker may import several modules at once). */
  inFlight: number;
}

// On globalThis for the same reason as the identity: a task module that imports another copy of the library
// must see the import that is running. Created only in a child: a parent never enables async contexts.
const KEY = Symbol.for('multiproc.importingTask');

function importing(): Importing | undefined {
  return (globalThis as { [KEY]?: Importing })[KEY];
}

/**
 * Runs `load` (the import of `moduleUrl`) as this child's bootstrapping. An async context, not a flag: in a
 * pool worker a task may run while another module is imported, and that task must not be refused. The context
 * is switched off once no import is in flight, because Node 20 tracks it on every promise: left on, it made a
 * task awaiting 10^6 promises about 4 times slower. So, as in Python, only the import itself is checked, not
 * the work it leaves scheduled (a `main()` called without await, past its first await).
 */
export async function whileImportingTask<T>(moduleUrl: string, load: () => Promise<T>): Promise<T> {
  const holder = globalThis as { [KEY]?: Importing };
  const state = (holder[KEY] ??= { storage: new AsyncLocalStorage<string>(), inFlight: 0 });
  state.inFlight++;
  try {
    return await state.storage.run(moduleUrl, load);
  } finally {
    if (--state.inFlight === 0) state.storage.disable();
  }
}

/** Throws, naming the module and the fix, when called from the import of a task module. */
export function refuseWhileImportingTask(what: string): void {
  const moduleUrl = importing()?.storage.getStore();
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
