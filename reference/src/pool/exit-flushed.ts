/**
 * How a pool worker leaves. `process.exit()` drops what the worker wrote to stdout or stderr and is still queued:
 * when the parent's stdio is a pipe or a socket read slower than the worker writes, Node keeps the rest in the
 * worker's memory, and a worker retired after a task that printed megabytes lost most of them (issue 14, Pool
 * faults). Python's worker flushes sys.stdout and sys.stderr before it exits; ours waits for both to drain, for
 * at most FLUSH_BOUND_MS: a reader that never reads must not keep a retired worker alive for ever.
 */

/** The longest a leaving worker waits for its stdout and stderr to drain. */
export const FLUSH_BOUND_MS = 1000;

/** Exits with `code` once everything written to stdout and stderr has left the process (or the bound passed). */
export function exitFlushed(code: number): void {
  let waiting = 2;
  const drained = (): void => {
    if (--waiting === 0) process.exit(code);
  };
  setTimeout(() => process.exit(code), FLUSH_BOUND_MS);
  // An empty write completes after every write queued before it, in order; its callback runs on error too.
  for (const stream of [process.stdout, process.stderr]) {
    try {
      stream.write('', drained);
    } catch {
      drained();
    }
  }
}
