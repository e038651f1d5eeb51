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
  /**
   * Reports `value` to the call's `onProgress` in the parent, as `{ done, total, value, index }`. Coalesced: at
   * most one message per few ms (16) per task, the latest value winning, and what was reported last arrives
   * before the task's result. Cheap: without `onProgress` on the call, and outside a pool task, it does nothing.
   * `value` must cross to the parent (structured clone): one that cannot throws a SerializationError here.
   * @python — (multiprocessing has no progress reporting)
   */
  progress(value: unknown): void;
}

type SignalOfRunningTask = () => AbortSignal | undefined;

// On globalThis: the worker entry and the index a task module imports may be two copies of this module (the
// built package bundles each entry), and the task must see what the worker set.
const KEY = Symbol.for('multiproc.currentTask');
const PROGRESS_KEY = Symbol.for('multiproc.currentTask.progress');
const TURNS_KEY = Symbol.for('multiproc.currentTask.turns');
/** @internal A count the worker bumps whenever a task starts or ends: while it stays the same, so does the running task. */
export interface TaskTurns { value: number }
const holder = globalThis as { [KEY]?: SignalOfRunningTask; [PROGRESS_KEY]?: (value: unknown) => void; [TURNS_KEY]?: TaskTurns };

// What the worker entry provided, read from globalThis once (a lookup on the global object is slow, and a task
// may report at every item of a tight loop); re-read while unset, as in the parent.
let findSignal: SignalOfRunningTask | undefined;
let report: ((value: unknown) => void) | undefined;

function progress(value: unknown): void {
  (report ??= holder[PROGRESS_KEY])?.(value);
}

let neverAborted: AbortSignal | undefined;
let context: TaskContext | undefined;
let turns: TaskTurns | undefined;
/** The worker's count of task turns when `context` was made (NaN: never, or outside a worker). */
let contextTurn = NaN;

/** The context of the task running now in this pool worker. @python — (multiprocessing has no cancellation) */
export function currentTask(): TaskContext {
  // One context per task, not per call: a task may ask at every item of a tight loop (currentTask().progress(i)),
  // where fetching the running task's signal at each call cost ~10% of a trivial map's items/s (issue 18, c-report).
  const turn = (turns ??= holder[TURNS_KEY])?.value;
  if (turn === contextTurn) return context!;
  const signal = (findSignal ??= holder[KEY])?.() ?? (neverAborted ??= new AbortController().signal);
  // The worker's own reporter when there is one (a call less per report); else the wrapper, which finds it later.
  if (context === undefined || context.signal !== signal) context = Object.freeze({ signal, progress: (report ??= holder[PROGRESS_KEY]) ?? progress });
  contextTurn = turn ?? NaN;
  return context;
}

/** @internal The worker entry says how to find the running task's signal, and gives the count it bumps whenever a task starts or ends. */
export function provideRunningTask(find: SignalOfRunningTask, taskTurns: TaskTurns): void {
  holder[KEY] = find;
  holder[TURNS_KEY] = taskTurns;
}

/** @internal The worker entry says where the running task's progress goes (progress-out.ts). */
export function provideProgress(report: (value: unknown) => void): void {
  holder[PROGRESS_KEY] = report;
}

/** @internal What the signal of a task whose call was aborted carries as its reason, in the worker. */
export function abortedInWorker(): AbortError {
  return new AbortError('the call this task runs for was aborted');
}
