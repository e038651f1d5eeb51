/**
 * One worker's clock for its running task's `timeoutMs`: one timer per worker, armed only while the task it
 * runs has a timeout, re-armed as tasks advance. A task without one costs a property read per chunk.
 *
 * The parent cannot see the moment a task starts in its worker. The moment it becomes first in the worker's
 * `inflight` with the worker ready (given to an idle ready worker, or the one before it answered) is a cheap
 * estimate, late by at most the one-way trip of a message: the task is never timed from its submission, and the
 * time it waited in line is never counted against it. Nor is the import of its module: a worker given a function
 * for the first time says when it has loaded it (`loaded`), and a task of that function is timed from then. Else
 * a fresh worker's first task pays for the import (hundreds of ms for a module of many dependencies), and a
 * timeout shorter than that fails the first task of every replacement, which is replaced in turn. An import that
 * never ends is still work that must stop: while its function loads, a task has IMPORT_ALLOWANCE_MS more.
 */
import { startTimer, type LongTimer } from '../timeouts.js';
import type { Task } from './task.js';

/** How much longer than its timeoutMs a task may take while its worker imports its module. */
export const IMPORT_ALLOWANCE_MS = 10_000;

export class TaskClock {
  #task: Task | undefined;
  #timer: LongTimer | undefined;
  /** Tasks that ran out of time: their late result is dropped, their worker's exit does not fail them again. */
  readonly #expired = new WeakSet<Task>();
  /** Functions sent to the worker that it has not yet said it loaded. */
  readonly #loading = new Set<number>();
  /** The running task, when its function is still loading: its clock starts once it is loaded. */
  #waiting: Task | undefined;
  /** When `#task`'s clock started, and its deadline, in performance.now() time. */
  #deadline = Infinity;
  #since = 0;

  /** `expire` is called when `task`, still running, has run `elapsedMs`, past its timeoutMs. */
  constructor(private readonly expire: (task: Task, elapsedMs: number) => void) {}

  /** `task` (undefined: none) is now the one its worker runs. */
  starts(task: Task | undefined): void {
    if (task === this.#task || (task !== undefined && task === this.#waiting)) return;
    if (this.#task !== undefined || this.#waiting !== undefined) this.stop();
    const timeoutMs = task?.timeout?.timeoutMs;
    // A task failed for its wait in line is skipped by its worker: no clock for it.
    if (timeoutMs === undefined || this.#expired.has(task!)) return;
    // Its function still loading: timed with the import's allowance, and again from naught once loaded.
    const loading = this.#loading.size > 0 && this.#loading.has(task!.fn);
    if (loading) this.#waiting = task;
    else this.#task = task;
    this.#since = performance.now();
    this.#deadline = loading ? Infinity : this.#since + timeoutMs;
    // Unreferenced: a worker with work holds the parent already; a gone worker must not be waited for.
    this.#timer = startTimer(loading ? timeoutMs + IMPORT_ALLOWANCE_MS : timeoutMs, () => this.#expireNow(task!, performance.now())).unref();
  }

  /** No task runs (the worker is gone or emptied). */
  stop(): void {
    this.#timer?.clear();
    this.#timer = undefined;
    this.#task = undefined;
    this.#waiting = undefined;
    this.#deadline = Infinity;
  }

  /**
   * `task`'s result is in hand: if its deadline has passed, it expires now, as its timer would have. A parent that
   * was busy, or woke late, reads the result before running its overdue timers (Node runs I/O callbacks before
   * the next round of timers), and a task that ran past its timeoutMs must not succeed (pool-timeout.prop caught
   * a 53 ms task with timeoutMs 50 returning its value under CI load).
   */
  expireIfOverdue(task: Task | undefined): void {
    if (task === undefined || task !== this.#task) return;
    const now = performance.now();
    if (now >= this.#deadline) this.#expireNow(task, now);
  }

  /** The clock of `task` (running, or waiting for its function) ran out: no task runs from here for it. */
  #expireNow(task: Task, now: number): void {
    const since = this.#since;
    this.stop();
    // Marked by whoever fails the task (markExpired), not here: a worker found gone fails it through its exit.
    this.expire(task, now - since);
  }

  /** Function `fn` is sent to the worker for the first time: it imports its module before running its task. */
  loading(fn: number): void {
    this.#loading.add(fn);
  }

  /** The worker has loaded function `fn` (or failed to): a task of it waiting for its clock starts it now. */
  loaded(fn: number): void {
    if (!this.#loading.delete(fn)) return;
    const waiting = this.#waiting;
    if (waiting === undefined || waiting.fn !== fn) return;
    this.stop();
    this.starts(waiting);
  }

  /** `task` failed for its time (running or queued): what the worker later says of it is not delivered. */
  markExpired(task: Task): void {
    this.#expired.add(task);
  }

  /** Whether `task` failed for its time (running or queued): only a task with a timeout can have. */
  expired(task: Task): boolean {
    return task.timeout !== undefined && this.#expired.has(task);
  }
}
