/**
 * The Processes this process started that have not ended yet: what `activeChildren()` lists.
 * @python multiprocessing.active_children() (process.py `_children`)
 */
import type { Process } from './process.js';

// On globalThis, as the identity is: a task module that imports the built package and a child entry loaded
// from source must see one list.
const KEY = Symbol.for('multiproc.children');

function children(): Set<Process> {
  const holder = globalThis as { [KEY]?: Set<Process> };
  holder[KEY] ??= new Set();
  return holder[KEY];
}

/** Called by `start()`. */
export function addChild(process: Process): void {
  children().add(process);
}

/** Called once the child has exited: it leaves the list then, whether or not anyone joined it. */
export function removeChild(process: Process): void {
  children().delete(process);
}

/**
 * The Processes started by this process that are still running, in the order they were started. A child that
 * has ended is not listed, joined or not (Python reaps such children here; Node has reaped them already). Pool
 * workers are not listed: they are no Process objects (Python lists them too).
 * @python multiprocessing.active_children()
 */
export function activeChildren(): Process[] {
  return [...children()];
}
