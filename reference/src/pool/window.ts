/**
 * How many chunks a worker may hold at once. Several in flight hide the IPC round trip when chunks are
 * quick (a pool that keeps one task per worker caps near 11k tasks/s here); one at a time keeps slow work
 * balanced across workers, as Python's shared task queue does. The size follows the measured chunk time, one
 * sizer per task function: a quick function must not make a slow one queue up behind itself. Before a chunk of
 * the function was measured the window is 1: two unmeasured chunks given to one worker put slow work behind slow
 * work (map(sleepFor, [1000, 100, 1000, 100], 1) took 2.0 s on 2 workers, where Python takes 1.1 s), and the
 * cost for quick work is one round trip, once.
 *
 * Chunks under SLOW_MS keep a window of 2 or more, so the next one is there when one ends. SLOW_MS stays 5: at 20
 * (tried for issue 20's c, where chunks of just over 5 ms stuck at window 1 on one host) a second chunk of a quick
 * function was queued behind one that had just started, while another worker was about to free up, and tasks that
 * wait for each other (pool.map.raises-the-first-error-to-arrive's rendezvous, under load) waited out their bound:
 * Python's workers take a task only when free. The measured time no longer holds a fresh worker's start-up (the
 * clock starts when the worker could start the chunk), which was what kept c's window at 1 for dozens of chunks.
 */
const TARGET_MS = 2;
const SLOW_MS = 5;
const MAX_WINDOW = 256;
/**
 * A chunk counts at most this many times the average so far: one chunk held up by a GC pause or a busy CPU (tens
 * of ms under load, seen every few hundred chunks) must not shrink the window for the next dozen. Work that has
 * really become slow still reaches SLOW_MS within a few chunks (the average grows 2.4-fold per chunk).
 */
const SPIKE_FACTOR = 8;
/** The average the spike bound counts from at least: an average of 0 ms would otherwise never grow. */
const MIN_MS = 0.01;

/**
 * A worker whose current chunk has run this long gets no more chunks until it answers, whatever the window says:
 * the average speaks for finished chunks only, and a task that never returns would otherwise hold every chunk
 * queued behind it for ever, where Python's workers take a task only when free. Far above the time between
 * two reports of a worker running quick chunks (about COALESCE_MS plus the IPC round trip).
 */
export const STALLED_MS = 50;

export class WindowSizer {
  #averageMs: number | undefined;

  /** Chunks a worker may hold now. */
  get size(): number {
    const average = this.#averageMs;
    if (average === undefined) return 1;
    if (average >= SLOW_MS) return 1;
    return Math.max(2, Math.min(MAX_WINDOW, Math.ceil(TARGET_MS / Math.max(average, 1e-3))));
  }

  /** One chunk took `ms` from the moment the worker could start it until its result arrived. */
  record(ms: number): void {
    const average = this.#averageMs;
    this.#averageMs = average === undefined ? ms : average * 0.8 + Math.min(ms, Math.max(average, MIN_MS) * SPIKE_FACTOR) * 0.2;
  }
}
