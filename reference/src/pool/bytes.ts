/**
 * What crosses a pool's channel as bytes: the results of the chunks a worker finished (worker → parent), whenever
 * they hold an object. V8 writes some values it cannot read back (an Error that is its own cause, directly or
 * through other objects), and when Node's IPC reader meets one, the receiving process dies of an uncaught
 * exception. So the worker serializes results itself, checks that what holds an Error reads back, and the parent
 * reads the bytes inside a try: a value that cannot be read fails only its own task. (Arguments are checked by
 * the parent before they are sent, and go as plain values: see argument-check.ts.)
 * Values with no object in them (numbers, packed or not, strings, booleans, BigInts) always read back, and go
 * as they are: a second serializer per message costs about as much as the message itself, and thousands of
 * small messages (applyAsync in a loop) would pay it for nothing.
 */
import { deserialize, serialize } from 'node:v8';
import { SerializationError } from '../errors.js';
import { reasonOf } from '../describe-thrown.js';
import { encodeError } from '../remote-error.js';
import { findInstances, reviveInstances } from '../revive.js';
import { cloneFailure } from '../serialization.js';
import { mayHoldErrors } from './may-hold-errors.js';
import { isPlainBinary } from './plain-binary.js';
import { BULK_MIN, deserializeBulk } from '../backend/child-process/bulk.js';
import type { ChunkResult } from '../backend/protocol.js';
import { decodeResults, pushResult, type WireResults } from '../backend/child-process/wire.js';

/**
 * Worker: results as they are when no value is an object, else as bytes known to read back. When some do not,
 * the chunk holding the culprit fails with a SerializationError naming its item, and the other results still
 * go. `serializeLarge`: how the fork backend writes results holding views of BULK_MIN bytes or more. Never throws.
 */
export function packResults(results: readonly ChunkResult[], serializeLarge?: (wire: unknown[]) => Uint8Array): Uint8Array | WireResults {
  // No object, so no class instance: not searched.
  if (results.every(isPlain)) return encodeResults(results, false);
  // Only an Error can be written and not read back, and reading back costs more than writing: only results
  // where the walk finds one are read back.
  const found = mayHoldErrors(results.map(valuesOf));
  // Large views and no Error: the caller's serializer, which takes them out of the message (bulk.ts).
  // Made once: when the bulk serializer fails, the ordinary one writes the same wire (its class search walks all).
  let wire: unknown[] | undefined;
  if (found === 'large-views' && serializeLarge !== undefined) {
    try {
      wire = encodeResults(results);
      return serializeLarge(wire);
    } catch {
      // Fall through: some result cannot be written; the ordinary path finds which.
    }
  }
  try {
    const bytes = serialize(wire ?? encodeResults(results));
    if (found !== 'may-hold-errors' || readsBack(bytes)) return bytes;
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

/**
 * Parent: what `packResults` made, or why it cannot be used. `frames`: the bulk pipe's frames the bytes name
 * (serializeLarge), put back in place here, so that bytes or frames that do not fit give their own reason. Never throws.
 */
export function readResults(packed: Uint8Array | WireResults, count: number, frames?: readonly Uint8Array[]):
  { readonly results: ChunkResult[] } | { readonly unreadable: string } | { readonly malformed: string } {
  let wire: unknown = packed;
  if (packed instanceof Uint8Array) {
    try {
      wire = frames === undefined ? deserialize(packed) : deserializeBulk(packed, frames);
    } catch (cause) {
      return { unreadable: reasonOf(cause) };
    }
  }
  if (!Array.isArray(wire) || (wire.length !== 2 * count && wire.length !== 2 * count + 1)) {
    return { malformed: `results for ${count} chunks that are not ${count} results` };
  }
  // One more element: the registered class instances among the values (see revive.ts), set up once all is read.
  const table = wire.length === 2 * count + 1 ? wire.pop() : undefined;
  const results = decodeResults(wire);
  for (const result of results) {
    const fault = shapeFault(result);
    if (fault !== undefined) return { malformed: fault };
  }
  if (table !== undefined) reviveInstances(table);
  return { results };
}

function shapeFault(result: ChunkResult): string | undefined {
  if (!Number.isInteger(result.seq)) return 'a result without a chunk number';
  if (result.ok) return undefined;
  const { values, failedAt, error, unsendable: reason, remote } = result as Partial<Extract<ChunkResult, { ok: false }>>;
  if (!Array.isArray(values) || failedAt !== values.length) return `a failed result of chunk ${result.seq} without its values`;
  if (typeof error !== 'object' || error === null) return `a failed result of chunk ${result.seq} without its error`;
  if (reason !== undefined && typeof reason !== 'string') return `a failed result of chunk ${result.seq} with a malformed reason`;
  // A cluster result comes from Redis, where anyone may write: taskError reads `remote.host`, which must not throw.
  if (remote !== undefined && (typeof remote !== 'object' || remote === null)) return `a failed result of chunk ${result.seq} with a malformed origin`;
  return undefined;
}

/** The wire form of `results`; when their values hold registered class instances, the table of them last. */
function encodeResults(results: readonly ChunkResult[], search = true): unknown[] {
  const wire: unknown[] = [];
  for (const result of results) pushResult(wire, result);
  const table = search ? findInstances(results.map(valuesOf)) : undefined;
  if (table !== undefined) wire.push(table);
  return wire;
}

/** True when `result` can go as it is: none of its values is an object. A failure's error always reads back. */
function isPlain(result: ChunkResult): boolean {
  return result.values instanceof Float64Array || result.values.every(isPrimitive);
}

/**
 * A value that structured clone writes and reads back whatever it is: a primitive (symbols and functions fail to
 * write), or a typed array or ArrayBuffer of a built-in kind (plain-binary.ts), a view under BULK_MIN bytes. A larger
 * view takes the bulk pipe instead (packResults' `serializeLarge`), which copies it less than Node's IPC message would.
 */
function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  if (type === 'object') {
    if (value === null) return true;
    // A view of BULK_MIN bytes or more takes the bulk pipe; an ArrayBuffer never does (bulk.ts takes views).
    return isPlainBinary(value as object) && (!ArrayBuffer.isView(value) || value.byteLength < BULK_MIN);
  }
  return type === 'number' || type === 'string' || type === 'boolean' || type === 'undefined' || type === 'bigint';
}

function valuesOf(result: ChunkResult): ChunkResult['values'] {
  return result.values;
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
  // A cluster worker's result keeps where it ran: its origin would otherwise say the link's pid 0.
  const remote = result.remote === undefined ? {} : { remote: result.remote };
  return { seq: result.seq, ok: false, values: before, failedAt: at, error: encodeError(error), unsendable: reason, ...remote };
}
