/**
 * A pool worker's stderr, piped rather than inherited so that a crash can say what the worker last wrote. Each
 * chunk goes on to the parent's stderr the moment it arrives (same bytes, same order), and the last
 * STDERR_TAIL_BYTES stay in a small ring for the WorkerCrashedError. Nothing here runs per task: only per chunk
 * of output the worker writes.
 */
import type { Readable } from 'node:stream';

/** How much of a worker's stderr a crash error keeps: Node's fatal heap report with its native stack is ~2 KiB. */
export const STDERR_TAIL_BYTES = 4096;

/**
 * How long a worker's exit waits for the end of its stderr. The pipe ends as soon as the worker is gone, unless
 * a process the worker started still holds it: then the crash is reported with what arrived so far.
 */
export const STDERR_DRAIN_MS = 1000;

/** The last `limit` bytes written to a stream, as text cut on a character boundary. */
export class StderrTail {
  #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(private readonly limit: number = STDERR_TAIL_BYTES) {}

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    // Compacted only once twice the limit is held: a worker printing lines one by one costs one concat per 4 KiB.
    if (this.#bytes > 2 * this.limit) {
      // A copy: the kept bytes must not pin the whole 64 KiB chunk they were cut from.
      const kept = Buffer.from(this.#last());
      this.#chunks = [kept];
      this.#bytes = kept.length;
    }
  }

  /** The tail as UTF-8 text; a character cut in two by the limit is dropped whole (no U+FFFD at the start). */
  text(): string {
    return this.#last().toString('utf8');
  }

  #last(): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    if (all.length <= this.limit) return all;
    let start = all.length - this.limit;
    // UTF-8 continuation bytes are 0b10xxxxxx: step past them to the next character's first byte.
    while (start < all.length && (all[start]! & 0xc0) === 0x80) start++;
    return all.subarray(start);
  }
}

/**
 * Passes what `stream` (a worker's stderr) delivers to the parent's stderr as it comes, keeping its tail. The
 * parent's stderr may be closed (a reader that went away): the worker's output is then dropped, never a crash of
 * the parent, which with an inherited stderr never wrote it at all.
 */
export function forwardStderr(stream: Readable, tail: StderrTail): void {
  stream.on('data', (chunk: Buffer) => {
    tail.push(chunk);
    // Guarded on the first chunk, not when the pool starts: reading process.stderr makes the stream (for a pipe, a
    // socket and its set-up, ~1 ms of CPU), which a pool whose workers never write to stderr does not need (issue
    // 20, a: cold start).
    guardParentStderr();
    const out = process.stderr;
    // Never paused for a parent stderr read slowly: a worker's writes block (blocking-stderr.ts), and one blocked
    // for good could neither finish its task nor leave. What the reader has not taken yet waits in the parent's
    // memory, as it waited in each worker's when they wrote to that stderr themselves.
    if (out.writable && !out.destroyed) out.write(chunk);
  });
  // A read error (EIO) ends the stream; the tail keeps what came before.
  stream.on('error', () => undefined);
}

/**
 * Calls `then` once `stream` has ended, or after `ms`, whichever comes first, so that a crash's tail is complete
 * without a grandchild holding the pipe able to delay it for ever.
 */
export function whenEnded(stream: Readable, ms: number, then: () => void): void {
  if (stream.closed || stream.readableEnded) return then();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(finish, ms);
  timer.unref();
  stream.once('close', finish);
}

let guarded = false;

/**
 * A write to a closed stderr fails with EPIPE, emitted as an 'error' that kills a process nobody listens for.
 * The pool's forwarding must not turn a reader gone away into the parent's death: EPIPE is ignored (the stream
 * is destroyed, so nothing more is written), and any other error still throws when the program has no listener
 * of its own, as it would have without us.
 */
function guardParentStderr(): void {
  if (guarded) return;
  guarded = true;
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || process.stderr.listenerCount('error') > 1) return;
    throw error;
  });
}
