/**
 * One worker's clock for its running task's `timeoutMs`: one timer per worker, armed only while the task it
 * runs has a timeout, re-armed as tasks advance. A task without one costs a property read per chunk.
 *
 * The parent cannot see the moment a task starts in its worker. The moment it becomes first in the worker's
 * `inflight` with the worker ready (given to an idle ready worker, or the one before it answered) is a cheap
 * estimate, late by at most the one-way trip of a message: the task is never timed from its submission, and the
 * time it waited in line is never counted against it.
 */
import { startTimer, type LongTimer } from '../timeouts.js';
import type { Task } from './task.js';

export class TaskClock {
  #task: Task | undefined;
  #timer: LongTimer | undefined;
  /** Tasks that ran out of time: their late result is dropped, their worker's exit does not fail them again. */
  readonly #expired = new WeakSet<Task>();

  /** `expire` is called when `task`, still running, has run `elapsedMs`, past its timeoutMs. */
  constructor(private readonly expire: (task: Task, elapsedMs: number) => void) {}

  /** `task` (undefined: none) is now the one its worker runs. */
  starts(task: Task | undefined): void {
    if (task === this.#task) return;
    if (this.#task !== undefined) this.stop();
    const timeoutMs = task?.timeout?.timeoutMs;
    // A task failed for its wait in line is skipped by its worker: no clock for it.
    if (timeoutMs === undefined || this.#expired.has(task!)) return;
    this.#task = task;
    const since = performance.now();
    // Unreferenced: a worker with work holds the parent already; a gone worker must not be waited for.
    this.#timer = startTimer(timeoutMs, () => {
      this.#timer = undefined;
      this.#task = undefined;
      this.#expired.add(task!);
      this.expire(task!, performance.now() - since);
    }).unref();
  }

  /** No task runs (the worker is gone or emptied). */
  stop(): void {
    this.#timer?.clear();
    this.#timer = undefined;
    this.#task = undefined;
  }

  /** `task` failed for its time (running or queued): what the worker later says of it is not delivered. */
  markExpired(task: Task): void {
    this.#expired.add(task);
  }

  expired(task: Task): boolean {
    return this.#expired.has(task);
  }
}
