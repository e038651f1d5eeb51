/**
 * Every message between a Pool and its workers, one union per direction, whatever carries them (the fork
 * backend sends them over Node's IPC channel). One `batch` carries every chunk the parent has for a worker at
 * that moment (coalesced per tick); one `results` message carries the results of every chunk the worker
 * finished in one go.
 */
import type { TaskTimeoutDetails } from '../errors.js';
import type { ParentIdentity } from '../identity.js';
import type { EncodedError, RemoteProcess } from '../remote-error.js';
import type { QueueDescriptor } from '../queue/wire.js';
import type { ClassTable } from '../revive.js';
import type { TaskRef } from '../task-registry.js';
import type { Values } from '../pool/packed.js';
import type { WireChunks, WireResults } from './child-process/wire.js';

/** Parent → worker, first message: who the worker is and what to run before its first task. */
export interface InitMessage {
  readonly kind: 'init';
  readonly name: string;
  readonly identity: readonly number[];
  /** The pool's process, for parentProcess() in the worker. */
  readonly parent: ParentIdentity;
  readonly initializer: TaskRef | null;
  readonly initargs: readonly unknown[];
  /** The queue descriptors in `initargs`: only these become Queues in the worker (see queue/transfer.ts). */
  readonly initQueues: readonly QueueDescriptor[];
  /** The registered class instances in `initargs` (see revive.ts). */
  readonly initClasses?: ClassTable;
  /** Python's maxtasksperchild: the worker exits after this many chunks (null: never). */
  readonly maxTasks: number | null;
  /**
   * maxMemoryPerChildMb: past this RSS (MiB) after a task, the worker runs nothing more, says so (`retire` on its
   * results) and waits for the parent to close its channel. Left out: no limit, and no RSS read per chunk.
   */
  readonly maxMemoryMb?: number;
}

/**
 * Parent → worker: functions the worker has not seen yet, then chunks to run in order. The parent checked that
 * the worker can read every argument back (argument-check.ts): V8 writes some values it cannot read, and Node's
 * IPC reader would throw on one, uncaught, in the worker.
 */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly defines: readonly { readonly id: number; readonly task: TaskRef }[];
  readonly chunks: WireChunks;
  /**
   * The chunks hold this many views of BULK_MIN bytes or more, sent on the bulk pipe (child-process/bulk.ts):
   * on the channel `chunks` is then the bytes serializeBulk wrote, which the worker reads once the frames are in.
   */
  readonly bulk?: number;
}

/**
 * Parent → worker: the calls these tasks (by seq) belong to were aborted. A task not yet started is answered
 * as failed without running; the running one's signal fires (currentTask().signal), and it has its call's grace
 * period to return before its worker is stopped.
 */
export interface CancelMessage {
  readonly kind: 'cancel';
  readonly seqs: readonly number[];
  /** They ran out of time (task-timeout.ts): the signal's reason is a TaskTimeoutError made of these details. */
  readonly timeout?: TaskTimeoutDetails;
}

/**
 * Parent → worker: give back these chunks (by seq) if they have not started. Sent to a worker whose running chunk
 * has run long while another worker sits idle: a chunk handed out ahead of time (the window, window.ts) must not
 * wait behind it, since Python's workers take a task only when free (tasks that wait for each other would
 * otherwise wait out their bounds). The worker answers with `released`, naming those it dropped.
 */
export interface ReleaseMessage {
  readonly kind: 'release';
  readonly seqs: readonly number[];
}

export type ToWorker = InitMessage | BatchMessage | CancelMessage | ReleaseMessage;

/** Worker → parent: the initializer ran (or there was none); tasks may now be attributed to this worker. */
export interface ReadyMessage {
  readonly kind: 'ready';
}

/**
 * Worker → parent: a batch reached the worker while it was idle; `seq` is its first chunk. Without it, a
 * worker that died idle would be blamed for the chunk sent to it in the moments before its death was seen.
 */
export interface ReceivedMessage {
  readonly kind: 'received';
  readonly seq: number;
}

/**
 * Worker → parent: function `fn`, defined in a batch, is loaded (its module imported), or failed to load. Once
 * per function per worker: a task's timeoutMs is counted from then, not from before the import.
 */
export interface LoadedMessage {
  readonly kind: 'loaded';
  readonly fn: number;
}

/** Worker → parent: the initializer threw; the worker exits next. `error` is the EncodedError, serialized. */
export interface InitErrorMessage {
  readonly kind: 'init-error';
  readonly error: Uint8Array;
}

/**
 * One chunk done. On failure, `values` holds the results of the items before `failedAt`. `unsendable` is set
 * (to the clone error's message) when the task succeeded but its result cannot cross: the parent raises a
 * SerializationError of its own, since a decoded error is only an Error named like one.
 */
export type ChunkResult =
  | { readonly seq: number; readonly ok: true; readonly values: Values;
      /** A cluster worker's, in case the values cannot be sent (pool/bytes.ts); never on the wire (wire.ts). */
      readonly remote?: RemoteProcess }
  | { readonly seq: number; readonly ok: false; readonly values: unknown[]; readonly failedAt: number;
      readonly error: EncodedError; readonly unsendable?: string;
      /** Set by a cluster worker command: the process that ran the chunk, on another machine (remote-error.ts). */
      readonly remote?: RemoteProcess };

/**
 * Worker → parent: chunks done, in the order the worker ran them. Trivial chunks finish by the hundred
 * between two turns of the worker's event loop; one message for all of them spares a write, a read and a
 * parse per chunk.
 */
export interface ResultsMessage {
  readonly kind: 'results';
  /**
   * The results of the next `count` chunks the worker holds. When a value is an object they are bytes the
   * worker serialized and read back before sending (bytes.ts); the parent reads them inside a try, and bytes
   * it still cannot read fail exactly these `count` chunks, never the parent.
   */
  readonly count: number;
  /** Bytes when some value is an object; the WireResults themselves otherwise (see bytes.ts). */
  readonly results: Uint8Array | WireResults;
  /**
   * The worker may run every chunk up to this one (by seq) before it reports again, holding their results
   * back. Without it, only the next chunk in line runs before the next report. It tells a parent whose worker
   * is killed which chunks may have run, so that none of them runs twice.
   */
  readonly through?: number;
  /** The worker's RSS in MiB, read after its last chunk (under a memory limit) or at most every 100 ms (for stats). */
  readonly rssMb?: number;
  /**
   * The worker passed its memory limit after the last of these chunks: it runs none of the chunks it still holds
   * (they go to other workers) and leaves when the parent closes its channel. Sent with no `through`.
   */
  readonly retire?: 'memory';
  /**
   * A cluster link's only: this many of these chunks failed because the remote process running them died (its
   * worker command's local child, or the worker command). The pool counts them in stats().recycled.crash.
   */
  readonly crashed?: number;
  /**
   * A cluster link's only: processes its worker command's local pool retired for memory since it last said so
   * (remote-recycles.ts), at most MOST_RETIRED_PER_MESSAGE. The pool counts them in stats().recycled.memory.
   */
  readonly retiredRemotely?: number;
  /** `results` (bytes) name this many frames of the bulk pipe (child-process/bulk.ts), in order. */
  readonly bulk?: number;
  /** Parent only: the `bulk` frames, as the fork backend read them from the pipe, for readResults (pool/bytes.ts). */
  readonly frames?: readonly Uint8Array[];
}

/**
 * Worker → parent: what the running task `seq` reported of its progress (currentTask().progress), at item
 * `offset` of its chunk. Sent only for a chunk whose call asked (a flag in the batch, see wire.ts), at most one
 * per PROGRESS_MS per worker (the latest value wins), always after the results the worker held back (the parent
 * finds `seq` first in line) and before the chunk's own result. `value` was cloned and read back in the worker.
 */
export interface ProgressMessage {
  readonly kind: 'progress';
  readonly seq: number;
  readonly offset: number;
  readonly value: unknown;
}

/**
 * Worker → parent: of the chunks a `release` named, these had not started and never will here; they leave the
 * worker's line at this point of its messages (every result before this one is of other chunks, and so is every
 * result after it). Sent only when there is at least one.
 */
export interface ReleasedMessage {
  readonly kind: 'released';
  readonly seqs: readonly number[];
}

export type FromWorker = ReleasedMessage | ReadyMessage | ReceivedMessage | LoadedMessage | InitErrorMessage | ResultsMessage | ProgressMessage;

/** The most `retiredRemotely` one results message may say: a cluster link's figure comes from Redis, so it is bounded. */
export const MOST_RETIRED_PER_MESSAGE = 1_000;
