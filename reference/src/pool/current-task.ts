/**
 * What a task can know, from inside its worker, of the call it runs for. An accessor rather than one more
 * argument: a task's last argument is already its kwds, a map's task takes exactly one item, and every
 * signature the pool checks (Parameters<F>) would have to strip a context off; `currentTask()` leaves task
 * signatures as Python's are and costs nothing to a task that never asks.
 */
import { AbortError } from '../errors.js';

export interface TaskContext {
  /**
   * Fires when the call this task runs for is aborted (`{ signal }` given to the Pool method), or when this task
   * runs past its `timeoutMs` (reason: a TaskTimeoutError): return soon, the worker is stopped past the call's
   * grace period. Outside a pool task it never fires, so a task still runs
   * unchanged when called directly.
   */
  readonly signal: AbortSignal;
}

type SignalOfRunningTask = () => AbortSignal | undefined;

// On globalThis: the worker entry and the index a task module imports may be two copies of this module (the
// built package bundles each entry), and the task must see what the worker set.
const KEY = Symbol.for('multiproc.currentTask');
const holder = globalThis as { [KEY]?: SignalOfRunningTask };

let neverAborted: AbortSignal | undefined;

/** The context of the task running now in this pool worker. @python — (multiprocessing has no cancellation) */
export function currentTask(): TaskContext {
  return { signal: holder[KEY]?.() ?? (neverAborted ??= new AbortController().signal) };
}

/** @internal The worker entry says how to find the running task's signal. */
export function provideRunningTask(find: SignalOfRunningTask): void {
  holder[KEY] = find;
}

/** @internal What the signal of a task whose call was aborted carries as its reason, in the worker. */
export function abortedInWorker(): AbortError {
  return new AbortError('the call this task runs for was aborted');
}
