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

  /**
   * Whether the peak RSS (getrusage) can stand in for the current one: a peak under the limit means RSS is under
   * it now, and the peak costs ~2 µs to read where the current RSS costs ~6–11 µs (a read of /proc), on every
   * chunk. Not when the peak is past the limit already: Linux keeps the peak across exec, so a worker forked from
   * a parent bigger than the limit starts with that peak, and one whose own peak passed the limit stays there.
   */
  #peakFilter: boolean;

  constructor(private readonly limitMb: number | undefined) {
    this.#peakFilter = limitMb !== undefined && peakMb() <= limitMb;
  }

  /** After a chunk: whether the worker has passed its limit (never when it has none). Reads RSS only under a limit. */
  overLimit(now: number): boolean {
    if (this.limitMb === undefined) return false;
    if (this.#peakFilter) {
      if (peakMb() <= this.limitMb) return false;
      this.#peakFilter = false;
    }
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

/** The process's peak RSS in MiB (getrusage reports KiB on Linux). */
function peakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
