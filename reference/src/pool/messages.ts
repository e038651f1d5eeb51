/**
 * The messages between a Pool and its workers. One `batch` carries every chunk the parent has for a worker
 * at that moment (coalesced per tick); each chunk's result comes back as one `result` message.
 */
import type { EncodedError } from '../remote-error.js';
import type { TaskRef } from '../task-registry.js';

/** Parent → worker, first message: who the worker is and what to run before its first task. */
export interface InitMessage {
  readonly kind: 'init';
  readonly name: string;
  readonly identity: readonly number[];
  readonly initializer: TaskRef | null;
  readonly initargs: readonly unknown[];
  /** Python's maxtasksperchild: the worker exits after this many chunks (null: never). */
  readonly maxTasks: number | null;
}

/** A run of consecutive items of one job, executed as one task (Python's chunk). */
export interface Chunk {
  /** Pool-wide chunk number, echoed in the result so the parent can check its bookkeeping. */
  readonly seq: number;
  readonly job: number;
  /** Index in the job's input of `items[0]`. */
  readonly start: number;
  /** Id of a function previously defined for this worker. */
  readonly fn: number;
  readonly items: readonly unknown[];
  /** starmap/apply: each item is an argument list. */
  readonly star: boolean;
  /** Some item holds a Queue descriptor to turn back into a Queue. */
  readonly queues?: true;
}

/** Parent → worker: functions the worker has not seen yet, then chunks to run in order. */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly defines: readonly { readonly id: number; readonly task: TaskRef }[];
  readonly chunks: readonly Chunk[];
}

export type ToWorker = InitMessage | BatchMessage;

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

/** Worker → parent: the initializer threw; the worker exits next. */
export interface InitErrorMessage {
  readonly kind: 'init-error';
  readonly error: EncodedError;
}

/**
 * Worker → parent: one chunk done. On failure, `values` holds the results of the items before `failedAt`.
 * `unsendable` is set (to the clone error's message) when the task succeeded but its result cannot cross: the
 * parent raises a SerializationError of its own, since a decoded error is only an Error named like one.
 */
export type ResultMessage =
  | { readonly kind: 'result'; readonly seq: number; readonly ok: true; readonly values: unknown[] }
  | { readonly kind: 'result'; readonly seq: number; readonly ok: false; readonly values: unknown[];
      readonly failedAt: number; readonly error: EncodedError; readonly unsendable?: string };

export type FromWorker = ReadyMessage | ReceivedMessage | InitErrorMessage | ResultMessage;
