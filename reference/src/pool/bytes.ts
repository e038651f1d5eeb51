/**
 * What crosses a pool's channel as bytes: the chunks of a batch (parent → worker) and the results of the chunks
 * a worker finished (worker → parent), whenever they hold an object. V8 writes some values it cannot read back
 * (an Error that is its own cause, directly or through other objects), and when Node's IPC reader meets one,
 * the receiving process dies of an uncaught exception: the parent, for a result; the worker and then its
 * replacement, for an argument. So the sender serializes such values itself and the receiver reads them inside
 * a try: a value that cannot be read fails only its own task.
 * Values with no object in them (numbers, packed or not, strings, booleans, BigInts) always read back, and go
 * as they are: a second serializer per message costs about as much as the message itself, and thousands of
 * small messages (applyAsync in a loop) would pay it for nothing.
 */
import { deserialize, serialize } from 'node:v8';
import { SerializationError } from '../errors.js';
import { isErrorLike } from '../describe-thrown.js';
import { encodeError } from '../remote-error.js';
import { cloneFailure } from '../serialization.js';
import type { Chunk, ChunkResult } from './messages.js';
import { decodeChunks, decodeResults, encodeChunks, pushResult, type WireChunks, type WireResults, type WorkerChunk } from './wire.js';

/**
 * Parent: a batch's chunks, as bytes when some argument holds an object. Throws, as `child.send` would, when a
 * value cannot be written at all.
 */
export function packChunks(chunks: readonly Chunk[]): Uint8Array | WireChunks {
  const wire = encodeChunks(chunks);
  return chunks.some(holdsObjects) ? serialize(wire) : wire;
}

/** Worker: the chunks of a batch. Throws when the bytes cannot be read (the parent is then told so). */
export function readChunks(chunks: Uint8Array | WireChunks): WorkerChunk[] {
  return decodeChunks(chunks instanceof Uint8Array ? deserialize(chunks) as unknown[] : chunks);
}

/**
 * Worker: results as they are when no value is an object, else as bytes known to read back. When some do not,
 * the chunk holding the culprit fails with a SerializationError naming its item, and the other results still
 * go. Never throws.
 */
export function packResults(results: readonly ChunkResult[]): Uint8Array | WireResults {
  if (results.every(isPlain)) return encodeResults(results);
  try {
    const bytes = serialize(encodeResults(results));
    // Only an Error can be written and not read back, and reading back costs more than writing. V8 tags every
    // Error it writes with one byte: bytes without it hold none (a scan at memory speed). The byte also turns
    // up in strings and numbers; then a walk of the values looks for an Error, and only one found is read back.
    if (bytes.indexOf(ERROR_TAG) === -1 || !mayHoldErrors(results) || readsBack(bytes)) return bytes;
  } catch {
    // Fall through: some result cannot be written; find which.
  }
  try {
    const bytes = serialize(encodeResults(results.map(sendable)));
    if (readsBack(bytes)) return bytes;
  } catch {
    // Fall through: the values cannot cross together although each can alone.
  }
  return serialize(encodeResults(results.map((result) => unsendable(result, 0, 'the results of this chunk cannot be sent together'))));
}

/** Parent: what `packResults` made, or why it cannot be used. Never throws. */
export function readResults(packed: Uint8Array | WireResults, count: number):
  { readonly results: ChunkResult[] } | { readonly unreadable: string } | { readonly malformed: string } {
  let wire: unknown = packed;
  if (packed instanceof Uint8Array) {
    try {
      wire = deserialize(packed);
    } catch (cause) {
      return { unreadable: cause instanceof Error ? cause.message : String(cause) };
    }
  }
  if (!Array.isArray(wire) || wire.length !== 2 * count) return { malformed: `results for ${count} chunks that are not ${count} results` };
  const results = decodeResults(wire);
  for (const result of results) {
    const fault = shapeFault(result);
    if (fault !== undefined) return { malformed: fault };
  }
  return { results };
}

function shapeFault(result: ChunkResult): string | undefined {
  if (!Number.isInteger(result.seq)) return 'a result without a chunk number';
  if (result.ok) return undefined;
  const { values, failedAt, error, unsendable: reason } = result as Partial<Extract<ChunkResult, { ok: false }>>;
  if (!Array.isArray(values) || failedAt !== values.length) return `a failed result of chunk ${result.seq} without its values`;
  if (typeof error !== 'object' || error === null) return `a failed result of chunk ${result.seq} without its error`;
  if (reason !== undefined && typeof reason !== 'string') return `a failed result of chunk ${result.seq} with a malformed reason`;
  return undefined;
}

function encodeResults(results: readonly ChunkResult[]): unknown[] {
  const wire: unknown[] = [];
  for (const result of results) pushResult(wire, result);
  return wire;
}

/** True when `result` can go as it is: none of its values is an object. A failure's error always reads back. */
function isPlain(result: ChunkResult): boolean {
  return result.values instanceof Float64Array || result.values.every(isPrimitive);
}

/** True when `chunk`'s arguments hold an object, the only kind of value that can fail to read back. */
function holdsObjects(chunk: Chunk): boolean {
  const items = chunk.items;
  if (items instanceof Float64Array) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (chunk.star && Array.isArray(item) ? !item.every(isPrimitive) : !isPrimitive(item)) return true;
  }
  return false;
}

/** A value that structured clone writes and reads back whatever it is. (Symbols and functions fail to write.) */
function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'number' || type === 'string' || type === 'boolean' || type === 'undefined' || type === 'bigint';
}

/** V8's serialization tag of an Error object ('r', SerializationTag::kError in value-serializer.cc). */
const ERROR_TAG = 0x72;

/** Past this many objects the walk gives up, and the bytes are read back instead (a cycle ends here too). */
const WALK_LIMIT = 100_000;

/**
 * True when an Error may hide in the results' values (a failure's own error always reads back). Iterative,
 * with plain objects and arrays first: a worker often runs it cold, before the JIT has looked at it.
 */
function mayHoldErrors(results: readonly ChunkResult[]): boolean {
  const pending: object[] = [];
  for (const result of results) if (!(result.values instanceof Float64Array)) pushObjects(pending, result.values);
  try {
    for (let budget = WALK_LIMIT; pending.length > 0; budget--) {
      if (budget === 0) return true;
      const value = pending.pop()!;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) pushProperties(pending, value);
      else if (Array.isArray(value)) pushObjects(pending, value);
      else if (value instanceof Error || isErrorLike(value)) return true;
      else if (value instanceof Map) for (const [key, item] of value) pushObjects(pending, [key, item]);
      else if (value instanceof Set) pushObjects(pending, [...value]);
      else if (!ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) pushProperties(pending, value);
    }
    return false;
  } catch {
    return true; // a getter or a Proxy trap threw: let the read-back decide
  }
}

function pushObjects(pending: object[], values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'object' && value !== null) pending.push(value);
  }
}

function pushProperties(pending: object[], object: object): void {
  for (const key in object) {
    const value = (object as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) pending.push(value);
  }
}

function readsBack(bytes: Uint8Array): boolean {
  try {
    deserialize(bytes);
    return true;
  } catch {
    return false;
  }
}

/** `result`, or a failure naming the first of its values that cannot cross. */
function sendable(result: ChunkResult): ChunkResult {
  // Packed values always cross, so only an array of values can hold the culprit.
  const values = result.values as unknown[];
  for (let i = 0; i < values.length; i++) {
    const reason = cloneFailure(values[i]);
    if (reason !== undefined) return unsendable(result, i, reason);
  }
  return result;
}

function unsendable(result: ChunkResult, at: number, reason: string): ChunkResult {
  const error = new SerializationError(`the result of item ${at} of this chunk cannot be sent back to the parent: ${reason}`);
  const before = at === 0 ? [] : (result.values as unknown[]).slice(0, at);
  return { seq: result.seq, ok: false, values: before, failedAt: at, error: encodeError(error), unsendable: reason };
}
