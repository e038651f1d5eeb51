/**
 * A pool worker's own memory figure: checked after each chunk against `maxMemoryPerChildMb` when the pool set
 * one, and otherwise read at most every REPORT_EVERY_MS for pool.stats(), so a pool that sets no limit pays no
 * syscall per chunk.
 *
 * RSS, not heapUsed: a task that leaks Buffers, typed arrays or native memory grows outside V8's heap, where
 * heapUsed never sees it, and heapUsed drops and climbs with each garbage collection. RSS is what the kernel's
 * OOM killer and a container's memory limit count, so it is the figure a limit must be held against.
 */

/** How often a worker with no memory limit reads its RSS for the pool's stats, at most. */
export const REPORT_EVERY_MS = 100;

const MIB = 1024 * 1024;

export class MemoryWatch {
  /** The figure read last and not yet sent to the parent. */
  #unsent: number | undefined;
  #readAt = -Infinity;

  constructor(private readonly limitMb: number | undefined) {}

  /** After a chunk: whether the worker has passed its limit (never when it has none). Reads RSS only under a limit. */
  overLimit(now: number): boolean {
    if (this.limitMb === undefined) return false;
    const rssMb = this.#read(now);
    return rssMb > this.limitMb;
  }

  /** The RSS to attach to the next results message: the one read after the last chunk, or a fresh one now and then. */
  forReport(now: number): number | undefined {
    if (this.#unsent === undefined && now - this.#readAt >= REPORT_EVERY_MS) this.#read(now);
    const rssMb = this.#unsent;
    this.#unsent = undefined;
    return rssMb;
  }

  #read(now: number): number {
    this.#readAt = now;
    const rssMb = Math.round((process.memoryUsage.rss() / MIB) * 10) / 10;
    this.#unsent = rssMb;
    return rssMb;
  }
}
