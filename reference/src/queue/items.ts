/**
 * Items as they are held in transit: V8-serialized bytes, bounded in size so that every item a queue accepts
 * fits in one frame (see frames.ts), and a peer's length header can be refused before anything is buffered.
 */
import { deserialize, serialize } from 'node:v8';
import { reasonOf } from '../describe-thrown.js';
import { SerializationError } from '../errors.js';
import { MAX_ITEM_BYTES } from './frames.js';

/** An item's bytes. Throws v8's DataCloneError for a value that cannot be cloned, a SerializationError past the bound. */
export function encodeItem(item: unknown): Buffer {
  const bytes = serialize(item);
  if (bytes.length > MAX_ITEM_BYTES) {
    throw new SerializationError(
      `a Queue item of ${bytes.length} bytes (serialized) is larger than the ${MAX_ITEM_BYTES} bytes (1 GiB) a queue ` +
        'carries: put it in parts, or put the path of a file that holds it',
    );
  }
  return bytes;
}

/** The item `bytes` hold; throws when V8 cannot read them back. */
export function decodeItem(bytes: Uint8Array): unknown {
  return deserialize(bytes);
}

/** Why an item could not be read back, in words a user can act on. */
export function unreadableItem(error: unknown): string {
  return (
    `a Queue item cannot be sent to another process: the process that hosts the queue could not read it back ` +
    `(${reasonOf(error).replace(/\.$/, '')}; V8 writes some values it cannot read, such as an Error that is its ` +
    `own cause, directly or through other errors)`
  );
}

/** Why the host could not write an item a get took (it stays in the queue). */
export function unwritableItem(error: unknown): string {
  return (
    `a Queue item cannot be sent to another process: the process that hosts the queue could not write it ` +
    `(${reasonOf(error).replace(/\.$/, '')}); the item stays in the queue, in its place`
  );
}
