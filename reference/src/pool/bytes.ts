/**
 * What crosses a pool's channel as bytes: the chunks of a batch (parent → worker) and the results of the chunks
 * a worker finished (worker → parent). Each side serializes with V8 itself and the receiver reads inside a try.
 * V8 writes some values it cannot read back (an Error that is its own cause, directly or through other
 * objects), and when Node's IPC reader meets one, the receiving process dies of an uncaught exception: the
 * parent, for a result; the worker and then its replacement, for an argument. Here such a value fails only
 * its own task.
 */
import { deserialize, serialize } from 'node:v8';
import { SerializationError } from '../errors.js';
import { encodeError } from '../remote-error.js';
import { cloneFailure } from '../serialization.js';
import type { Chunk, ChunkResult } from './messages.js';
import { decodeChunks, decodeResults, encodeChunks, pushResult, type WorkerChunk } from './wire.js';

/** Parent: a batch's chunks as bytes. Throws, as `child.send` would, when a value cannot be written at all. */
export function packChunks(chunks: readonly Chunk[]): Uint8Array {
  return serialize(encodeChunks(chunks));
}

/** Worker: the chunks of a batch. Throws when the bytes cannot be read (the parent is then told so). */
export function readChunks(bytes: Uint8Array): WorkerChunk[] {
  return decodeChunks(deserialize(bytes) as unknown[]);
}

/**
 * Worker: results as bytes that are known to read back. When some do not, the chunk holding the culprit fails
 * with a SerializationError naming its item, and the other results still go. Never throws.
 */
export function packResults(results: readonly ChunkResult[]): Uint8Array {
  try {
    const bytes = serialize(encodeResults(results));
    // Only an object can hide a value V8 cannot read back; numbers and strings need no second look.
    if (!mayHoldObjects(results) || readsBack(bytes)) return bytes;
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
export function readResults(bytes: Uint8Array, count: number):
  { readonly results: ChunkResult[] } | { readonly unreadable: string } | { readonly malformed: string } {
  let wire: unknown;
  try {
    wire = deserialize(bytes);
  } catch (cause) {
    return { unreadable: cause instanceof Error ? cause.message : String(cause) };
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

function mayHoldObjects(results: readonly ChunkResult[]): boolean {
  for (const result of results) {
    // A failure's error was checked when it was encoded; packed numbers are bytes.
    const values = result.values;
    if (values instanceof Float64Array) continue;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value === 'object' && value !== null) return true;
    }
  }
  return false;
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
