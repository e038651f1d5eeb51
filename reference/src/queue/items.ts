/**
 * Items as they are held in transit: V8-serialized bytes, bounded in size so that every item a queue accepts
 * fits in one frame (see frames.ts), and a peer's length header can be refused before anything is buffered.
 * An item holding instances of registered classes goes as the tag byte CLASSED and V8's bytes of
 * `[item, ClassTable]` (see revive.ts); any other as V8's bytes alone, which always begin with V8's version tag
 * (0xFF). The tag is written only by this module, so no item a user puts can pass for one that carries classes.
 */
import { deserialize, serialize } from 'node:v8';
import { reasonOf } from '../describe-thrown.js';
import { SerializationError } from '../errors.js';
import { findInstances, reviveInstances, type ClassTable } from '../revive.js';
import { MAX_ITEM_BYTES } from './frames.js';

const CLASSED = 0x01;

/**
 * The class tables of items this process read and could not revive whole (a class not registered here): the
 * process that hosts a queue may lack a class its consumers have, and must pass the table on with the item.
 */
const carried = new WeakMap<object, ClassTable>();

/** An item's bytes. Throws v8's DataCloneError for a value that cannot be cloned, a SerializationError past the bound. */
export function encodeItem(item: unknown): Buffer {
  const table = typeof item === 'object' && item !== null ? carried.get(item) ?? findInstances(item) : undefined;
  const bytes = table === undefined ? serialize(item) : Buffer.concat([Buffer.of(CLASSED), serialize([item, table])]);
  if (bytes.length > MAX_ITEM_BYTES) {
    throw new SerializationError(
      `a Queue item of ${bytes.length} bytes (serialized) is larger than the ${MAX_ITEM_BYTES} bytes (1 GiB) a queue ` +
        'carries: put it in parts, or put the path of a file that holds it',
    );
  }
  return bytes;
}

/** The item `bytes` hold, its registered class instances revived; throws when V8 cannot read them back. */
export function decodeItem(bytes: Uint8Array): unknown {
  if (bytes[0] !== CLASSED) return deserialize(bytes);
  const pair = deserialize(bytes.subarray(1)) as unknown;
  if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('a Queue item tagged as holding class instances without its table');
  const [item, table] = pair as [unknown, ClassTable];
  if (!reviveInstances(table) && typeof item === 'object' && item !== null) carried.set(item, table);
  return item;
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
