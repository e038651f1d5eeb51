/**
 * Chunks handed out ahead of time must not wait behind a long one. The window (window.ts) gives a worker the next
 * chunks of a quick function before it asks, which is what keeps many small tasks fast; but a chunk of a quick
 * function can still run long (a task that waits for another task, or for an item on a Queue), and what waits
 * behind it on that worker would then wait for it, while another worker sits idle. Python's workers take a task
 * only when free, so tasks that wait for each other always meet there. Here, once a worker is idle with nothing
 * left in line, a worker whose running chunk has run STALLED_MS is asked to give back the chunks behind it
 * (worker-handle.ts releaseQueued), and the pool hands them out again when they come back.
 */
import { STALLED_MS } from './window.js';
import type { WorkerHandle } from './worker-handle.js';

export class StalledRelease {
  #timer: NodeJS.Timeout | undefined;

  /** `recheck` runs when a worker holding chunks behind a running one may have run long enough since the last check. */
  constructor(private readonly recheck: () => void) {}

  /** After a hand-out that left nothing in line: asks for the chunks held behind long ones, if a worker is idle. */
  check(workers: Iterable<WorkerHandle>): void {
    if (!someIdle(workers)) return;
    const now = performance.now();
    let soonest = Infinity;
    for (const worker of workers) {
      if (worker.inflight.length < 2) continue;
      const ran = now - worker.busySince;
      if (ran >= STALLED_MS) worker.releaseQueued();
      else soonest = Math.min(soonest, STALLED_MS - ran);
    }
    // Nothing else may happen until then (the running chunk is the only thing going on): look again at that time.
    // Unreferenced: a worker with work keeps the parent alive already.
    if (soonest !== Infinity && this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.recheck();
      }, Math.ceil(soonest) + 1).unref();
    }
  }
}

function someIdle(workers: Iterable<WorkerHandle>): boolean {
  for (const worker of workers) if (worker.ready && !worker.retiring && worker.budget > 0 && worker.inflight.length === 0) return true;
  return false;
}
