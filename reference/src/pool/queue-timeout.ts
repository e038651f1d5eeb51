/**
 * `queueTimeoutMs`: a task that has not started within that time of its submission fails with TaskTimeoutError
 * (phase 'queue') and never runs. One timer per submission of a call that asks for it (none otherwise); when it
 * fires, those of its tasks still waiting are taken out of the scheduler, and those already sent to a worker but
 * not started there (behind its running task) are cancelled in the worker, which skips them. "Started" is the
 * estimate task-clock.ts uses: first in a ready worker's line.
 */
import { TaskTimeoutError } from '../errors.js';
import { startTimer } from '../timeouts.js';
import type { ResultRouter } from './result-router.js';
import type { Scheduler } from './scheduler.js';
import type { Task } from './task.js';
import type { WorkerHandle } from './worker-handle.js';

export class QueueDeadlines {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly workers: Iterable<WorkerHandle>,
    private readonly router: ResultRouter,
    private readonly settle: () => void,
  ) {}

  /** `chunks`, just submitted, must start within `ms`. */
  watch(chunks: readonly Task[], ms: number): void {
    const since = performance.now();
    // Unreferenced: the work it watches holds the parent while there is any.
    startTimer(ms, () => this.#expire(chunks, since, ms)).unref();
  }

  #expire(chunks: readonly Task[], since: number, ms: number): void {
    const watched = new Set(chunks);
    const late: { chunk: Task; pid: number | undefined }[] = this.scheduler.takeOut(watched).map((chunk) => ({ chunk, pid: undefined }));
    for (const worker of this.workers) for (const chunk of worker.expireQueued(watched)) late.push({ chunk, pid: worker.pid });
    if (late.length === 0) return;
    const elapsedMs = performance.now() - since;
    for (const { chunk, pid } of late) {
      this.router.fail(chunk, new TaskTimeoutError({
        task: this.scheduler.taskName(chunk.fn) ?? 'anonymous', phase: 'queue', elapsedMs, timeoutMs: ms, pid, index: chunk.start, count: chunk.items.length,
      }));
    }
    this.settle();
  }
}
