/**
 * How a pool worker leaves. `process.exit()` drops what the worker wrote to stdout or stderr and is still queued:
 * when the parent's stdio is a pipe or a socket read slower than the worker writes, Node keeps the rest in the
 * worker's memory, and a worker retired after a task that printed megabytes lost most of them (issue 14, Pool
 * faults). Python's worker flushes sys.stdout and sys.stderr before it exits, however long that takes; ours
 * waits for both to drain for as long as the reader makes progress. A bound in time alone lost 37 of 128 MiB to a
 * reader slowed down by a loaded machine; a reader that reads nothing for FLUSH_STALL_MS is taken for one that
 * never will, and must not keep a retired worker alive for ever.
 */
import { madeStdio } from './lazy-stdio.js';

/** How long a leaving worker waits for a reader that reads nothing of its stdout or stderr. */
export const FLUSH_STALL_MS = 2000;

/** Exits with `code` once everything written to stdout and stderr has left the process, or nothing more leaves. */
export function exitFlushed(code: number): void {
  // Only the streams made (lazy-stdio.ts): reading one that was not would make it, and it holds nothing.
  const streams = madeStdio();
  let waiting = streams.length;
  const exit = (): void => process.exit(code);
  if (waiting === 0) return exit();
  const drained = (): void => {
    if (--waiting === 0) exit();
  };
  let queued = queuedBytes();
  setInterval(() => {
    const now = queuedBytes();
    if (now >= queued) exit();
    queued = now;
  }, FLUSH_STALL_MS);
  // An empty write completes after every write queued before it, in order; its callback runs on error too.
  for (const stream of streams) {
    try {
      stream.write('', drained);
    } catch {
      drained();
    }
  }
}

/** Bytes written to stdout and stderr that have not left the process yet. */
function queuedBytes(): number {
  return madeStdio().reduce((sum, stream) => sum + (stream.writableLength ?? 0), 0);
}
