/**
 * The worker's side of cancellation: which task runs now, its AbortController (made only when the task asks
 * for currentTask().signal, so a chunk that never asks costs two assignments), and the tasks whose call was
 * aborted before they ran (skipped when their turn comes).
 */
import { abortedInWorker, provideRunningTask } from '../../pool/current-task.js';

let runningSeq: number | undefined;
let controller: AbortController | undefined;
/** Tasks this worker holds (running or queued) whose call was aborted. */
export const cancelled = new Set<number>();
/** The reason of those that ran out of time instead (a TaskTimeoutError); the others get abortedInWorker(). */
const reasons = new Map<number, Error>();

/** Bumped whenever a task starts or ends, so that currentTask() knows its context is still the running task's. */
const turns = { value: 0 };

provideRunningTask(() => {
  if (runningSeq === undefined) return undefined;
  if (controller === undefined) {
    controller = new AbortController();
    if (cancelled.has(runningSeq)) controller.abort(reasons.get(runningSeq) ?? abortedInWorker());
  }
  return controller.signal;
}, turns);

export function taskStarts(seq: number): void {
  turns.value++;
  runningSeq = seq;
  controller = undefined;
}

export function taskEnds(): void {
  if (runningSeq !== undefined && cancelled.size > 0) {
    cancelled.delete(runningSeq);
    if (reasons.size > 0) reasons.delete(runningSeq);
  }
  turns.value++;
  runningSeq = undefined;
  controller = undefined;
}

/** The parent's word that these tasks' call was aborted; `holds` says whether a seq is still queued here. */
export function cancelTasks(seqs: readonly number[], holds: (seq: number) => boolean, reason?: Error): void {
  for (const seq of seqs) {
    if (seq === runningSeq) {
      cancelled.add(seq);
      if (reason !== undefined) reasons.set(seq, reason);
      controller?.abort(reason ?? abortedInWorker());
    } else if (holds(seq)) {
      cancelled.add(seq);
      if (reason !== undefined) reasons.set(seq, reason);
    }
  }
}
