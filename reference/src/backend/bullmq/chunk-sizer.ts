/**
 * The cluster pool's default chunksize (issue 19): a map given none is cut into chunks of about TARGET_MS of
 * work, not into Python's four chunks per process. A chunk job costs the same Redis round trips and the same
 * hand-off to a worker command's local pool whatever it holds, so chunks of trivial work should be large; and a
 * worker command that dies loses its chunk, so chunks of slow work should be small. Python's item count knows
 * neither. Each chunk's compute time is measured where it runs (chunk-task.ts) and comes back with its result;
 * the pool keeps, per task function, the time per item of its recent chunks.
 *
 * The first map of a function has no estimate: it is cut by Python's heuristic, capped at FIRST_MAP_ITEMS items a
 * chunk. A probe chunk (one small chunk, then the rest sized from its time) would size the first map too, but the
 * pool cuts a map into chunks when it is called, before any runs; a probe would make the scheduler cut chunks
 * lazily, for every backend. The cap bounds what a lost worker loses of a function never seen (in items: its
 * cost is unknown), at the price of more jobs in the first map of a trivial function.
 */
import { defaultChunksize } from '../../pool/chunking.js';

/**
 * The work a chunk aims at, inside issue 19's 10–50 ms, near its top: a cluster slot waits a whole round trip
 * (Redis, the worker command, its child: ~2 ms here when idle, more under load) between two chunks, since the
 * pool keeps one chunk per slot once chunks take 5 ms or more (window.ts). That wait is ~5 % of a 40 ms chunk and
 * ~10 % of a 20 ms one (a second map of 10 ms tasks measured 0.64–0.75× the local pool at 20 ms, under load).
 */
export const TARGET_MS = 40;
/** Less work than this per chunk is not worth a job of its own: below it, work is shared among fewer chunks. */
export const MIN_SHARE_MS = 10;
/** A chunk never holds more than this much estimated work (but one item): what a lost worker loses, at most. */
export const MAX_CHUNK_MS = 50;
/** The first map of a function (no estimate yet): Python's chunksize, at most this many items. */
export const FIRST_MAP_ITEMS = 1024;
/** How much of the estimate each chunk's measure replaces: the last few chunks speak, not the first ever. */
const DECAY = 0.5;

/**
 * The chunksize of a map of `length` items over `processes` workers whose items take `msPerItem` each (undefined:
 * not measured yet). 0 for no items, as Python's.
 */
export function sizeChunks(length: number, processes: number, msPerItem: number | undefined): number {
  if (length === 0) return 0;
  if (msPerItem === undefined) return Math.min(defaultChunksize(length, processes), FIRST_MAP_ITEMS);
  // A measured 0 (a clock's resolution) is taken as the least time it could be.
  const perItem = Math.max(msPerItem, 1e-6);
  let size = Math.ceil(TARGET_MS / perItem);
  // Every worker gets a chunk while there is at least MIN_SHARE_MS of work for each; less work, fewer chunks.
  const work = length * perItem;
  const chunks = Math.min(processes, Math.max(1, Math.floor(work / MIN_SHARE_MS)));
  size = Math.min(size, Math.ceil(length / chunks));
  // Never more than MAX_CHUNK_MS of work in one chunk, but at least one item.
  size = Math.min(size, Math.max(1, Math.floor(MAX_CHUNK_MS / perItem)));
  return Math.max(1, Math.min(size, length));
}

/** Per task function (the pool's function id), its chunks' recent time per item. One per cluster pool. */
export class ChunkSizer {
  /** Decayed sums: the time of recent chunks and their items. */
  readonly #measured = new Map<number, { ms: number; items: number }>();

  /** A chunk of function `fn` ran `items` items in `ms` of compute time on its worker. */
  record(fn: number, items: number, ms: number): void {
    if (!(ms >= 0) || items <= 0) return;
    const sums = this.#measured.get(fn);
    if (sums === undefined) this.#measured.set(fn, { ms, items });
    else {
      sums.ms = sums.ms * DECAY + ms;
      sums.items = sums.items * DECAY + items;
    }
  }

  /** The function's estimated time per item, undefined before its first chunk came back. */
  msPerItem(fn: number): number | undefined {
    const sums = this.#measured.get(fn);
    return sums === undefined ? undefined : sums.ms / sums.items;
  }

  /** The chunksize of a map of `length` items of function `fn` given none. */
  size(fn: number, length: number, processes: number): number {
    return sizeChunks(length, processes, this.msPerItem(fn));
  }
}
