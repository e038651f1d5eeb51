/**
 * Every message that crosses a parent–child IPC channel, as one discriminated union per direction.
 * Messages travel with Node's advanced serialization (structured clone).
 */
import type { ParentIdentity } from './identity.js';
import type { QueueDescriptor } from './queue/wire.js';
import type { ClassTable } from './revive.js';
import type { TaskRef } from './task-registry.js';

/** Parent → Process child: the one message a Process child needs before it runs its target. */
export interface StartMessage {
  readonly kind: 'start';
  readonly task: TaskRef;
  readonly args: readonly unknown[];
  /** The queue descriptors in `args`: only these objects become Queues in the child (see queue/transfer.ts). */
  readonly queues: readonly QueueDescriptor[];
  /** The registered class instances in `args` (see revive.ts). */
  readonly classes?: ClassTable;
  readonly name: string;
  readonly daemon: boolean;
  readonly identity: readonly number[];
  /** The parent's name and pid, for parentProcess() in the child. */
  readonly parent: ParentIdentity;
}

/**
 * Process child → parent: the target failed; sent just before the child exits with code 1. `error` is the
 * EncodedError as bytes the child serialized: the parent reads them inside a try, never in Node's IPC reader.
 */
export interface TargetErrorMessage {
  readonly kind: 'target-error';
  readonly error: Uint8Array;
}

export type ToProcessChild = StartMessage;
export type FromProcessChild = TargetErrorMessage;
