/**
 * The parent's check of a batch's arguments before it is sent. V8 writes some values it cannot read back (an
 * Error that is its own cause, directly or through other objects); Node's IPC reader in the worker would throw
 * on one, uncaught, and kill the worker. So the parent looks before it sends, as the worker does for its results
 * (bytes.ts): a walk for an Error first, and only when it finds one, a write and a read-back of the batch. A
 * batch with no Error in it (nearly all) costs one walk of its object arguments and goes as plain values.
 */
import { deserialize, serialize } from 'node:v8';
import { reasonOf } from '../describe-thrown.js';
import { cloneFailure } from '../serialization.js';
import { mayHoldErrors } from './may-hold-errors.js';
import type { Task } from './task.js';
import type { WireChunks } from '../backend/child-process/wire.js';

/** A chunk that cannot be sent, with the first of its items that cannot and why. */
export interface ChunkFailure {
  readonly chunk: Task;
  /** Index in `chunk.items` of the item that cannot cross. */
  readonly offset: number;
  readonly reason: string;
}

/**
 * Throws, as `child.send` would for a value it cannot write, when `wire` (the batch made of `chunks`) would reach
 * the worker as bytes it cannot read: the error V8 raised reading it back. Returns true when the batch holds a
 * view of BULK_MIN bytes or more and no Error (false when it was read back: its views go the ordinary way).
 */
export function checkReadable(chunks: readonly Task[], wire: WireChunks): boolean {
  const found = mayHoldErrors(chunks.map(itemsOf));
  if (found !== 'may-hold-errors') return found === 'large-views';
  deserialize(serialize(wire));
  return false;
}

/**
 * The chunks of a batch that cannot be sent, each alone (the rare path: a value per item is written and read
 * back). When none fails alone although the batch did (`cause`), they cannot cross together: all of them fail.
 */
export function unsendableChunks(chunks: readonly Task[], cause: unknown): ChunkFailure[] {
  const failures: ChunkFailure[] = [];
  for (const chunk of chunks) {
    // Packed numbers always cross.
    if (chunk.items instanceof Float64Array) continue;
    for (let offset = 0; offset < chunk.items.length; offset++) {
      const reason = cloneFailure(chunk.items[offset]);
      if (reason === undefined) continue;
      failures.push({ chunk, offset, reason });
      break;
    }
  }
  if (failures.length > 0) return failures;
  const reason = `the arguments of these chunks cannot be sent together: ${reasonOf(cause)}`;
  return chunks.map((chunk) => ({ chunk, offset: 0, reason }));
}

function itemsOf(chunk: Task): Task['items'] {
  return chunk.items;
}
