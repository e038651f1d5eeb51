/**
 * The scheduler's record of one task: a run of consecutive items of one job, run in one go by one worker
 * (Python's chunk). It is made once per chunk, so what a call adds to it (a signal, later a deadline or a
 * progress listener) hangs off one optional field and costs the usual call nothing.
 */
import type { QueueDescriptor } from '../queue/wire.js';
import type { ClassTable } from '../revive.js';
import type { Cancellation } from './cancel.js';
import type { CallProgress } from './progress.js';
import type { Values } from './packed.js';
import type { TaskTimeouts } from './task-timeout.js';

export interface Task {
  /** The task's id, pool-wide: echoed in its result so that the parent can check its bookkeeping. */
  readonly seq: number;
  readonly job: number;
  /** Index in the job's input of `items[0]`. */
  readonly start: number;
  /** Id of a function previously defined for the worker it goes to. */
  readonly fn: number;
  /** Packed into a Float64Array when every item is a number (see packed.ts); the worker reads both alike. */
  readonly items: Values;
  /** starmap/apply: each item is an argument list. */
  readonly star: boolean;
  /**
   * The queue descriptors the parent put in `items`, when there are any: only these objects become Queues in the
   * worker. They must travel in the same message as the items, which keeps them the same objects (===).
   */
  readonly queues?: readonly QueueDescriptor[];
  /** The registered class instances in `items`, when there are any (see revive.ts); same message, same objects. */
  readonly classes?: ClassTable;
  /** The call's signal and grace period, when it was given a signal (shared by the call's tasks; never sent). */
  readonly cancel?: Cancellation | undefined;
  /** The call's timeoutMs and queueTimeoutMs, when it has either (shared by the call's tasks; never sent). */
  readonly timeout?: TaskTimeouts | undefined;
  /** The call's progress listener, when it was given onProgress (shared by the call's tasks; a flag on the wire). */
  readonly progress?: CallProgress | undefined;
  /** The call said `idempotent: true`: a backend that lost the task with its worker may run it again (idempotent.ts). */
  readonly idempotent?: true | undefined;
}

/** What a call's options add to each of its tasks: read once per call, shared by its tasks. */
export type CallExtras = Pick<Task, 'cancel' | 'timeout' | 'progress' | 'idempotent'>;
