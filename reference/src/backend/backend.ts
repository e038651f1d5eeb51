/**
 * The seam between the pool and whatever runs its workers. The pool (scheduler, worker set, result router)
 * speaks only to these two interfaces; the fork backend (child-process/) is today's only implementation, and
 * a backend whose workers live elsewhere is one more (DESIGN.md). Nothing above this file touches
 * child_process.
 */
import type { Task } from '../pool/task.js';
import type { TaskTimeoutDetails } from '../errors.js';
import type { RemoteProcess } from '../remote-error.js';
import type { BatchMessage, InitMessage } from './protocol.js';

/** What one batch carries before its transport lays it out: the functions the worker lacks, then the tasks. */
export interface Batch {
  readonly defines: BatchMessage['defines'];
  readonly tasks: readonly Task[];
}

export interface WorkerBackend {
  /** Starts one worker and hands it `init`; throws WorkerStartError when the worker cannot be started. */
  start(init: InitMessage): WorkerLink;
  /**
   * The chunksize of a map of `length` items of function `fn` (the pool's id) given none. A backend without it
   * keeps Python's heuristic (chunking.ts); the cluster's aims at an amount of work per chunk (chunk-sizer.ts).
   */
  defaultChunksize?(fn: number, length: number, processes: number): number;
}

export interface LinkEvents {
  /** Anything the worker sent: the pool checks it is a FromWorker before acting on it. */
  message: (message: unknown) => void;
  /** The worker is gone and everything it sent has been delivered (no result still on its way is lost). */
  exit: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** The parent's line to one worker. Each method is cheap and never throws, but send. */
export interface WorkerLink {
  readonly pid: number;
  /**
   * Sends a batch. Throws, before anything is written, when an argument cannot be written or could not be read
   * back by the worker (argument-check.ts). `undelivered` is called, now or a little later, when the batch
   * cannot have reached the worker (it is gone, or going).
   */
  send(batch: Batch, undelivered: () => void): void;
  /**
   * The calls of these tasks (by seq) were aborted: the worker skips those not started and signals the running one.
   * With `timeout`, they ran out of time instead: the running one's signal carries a TaskTimeoutError made of it.
   */
  cancel(seqs: readonly number[], timeout?: TaskTimeoutDetails): void;
  /**
   * Asks the worker to give back these chunks if it has not started them (a `released` message names those it
   * gave back). A backend whose workers do not hold chunks ahead of time (the cluster's jobs wait in Redis for a
   * free worker command) leaves it out.
   */
  release?(seqs: readonly number[]): void;
  /** No more batches: the worker finishes what it holds, then leaves. */
  retire(): void;
  /** SIGTERM now, SIGKILL `graceMs` later if the worker is still there (never when undefined). */
  terminate(graceMs: number | undefined): void;
  /** Ends the worker now (SIGKILL). */
  kill(): void;
  /**
   * True when the worker times its tasks' timeoutMs itself and fails them with TaskTimeoutError (the cluster's
   * worker commands, which alone see a chunk start): the pool's clock then leaves them alone.
   */
  readonly timesTasks?: boolean;
  /** Whether the worker has exited (its exit event may still be on its way). */
  readonly exited: boolean;
  /**
   * The last few KiB the worker wrote to its stderr, as text (for a crash report); complete once `exit` was
   * emitted. A backend that cannot see its workers' stderr leaves it out.
   */
  stderrTail?(): string;
  /**
   * The process of another machine that ran this worker's last chunk (a cluster slot's, once one came back);
   * a backend whose workers are its own processes leaves it out (pool.stats()).
   */
  remote?(): RemoteProcess | undefined;
  /** Whether this worker keeps the parent's event loop alive: only one with work should. */
  holdParent(holds: boolean): void;
  on<E extends keyof LinkEvents>(event: E, listener: LinkEvents[E]): void;
}
