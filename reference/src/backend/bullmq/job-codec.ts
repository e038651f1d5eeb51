/**
 * What a chunk and its result look like in Redis. BullMQ stores a job's data and return value as JSON; the
 * items and values go inside as base64 of V8's serialization, so that a task sees exactly the values it would see
 * in a local pool (undefined, BigInt, Map, Date, typed arrays, -0), not what JSON makes of them. Nothing in a job
 * is ever run as code: a task is named by module and key, and a worker resolves that name only among the
 * modules it was started with (task-resolver.ts).
 */
import { deserialize, serialize } from 'node:v8';
import type { Values } from '../../pool/packed.js';
import { readJobExtras, type JobExtras } from './job-extras.js';
import { narrowInts, widenInts } from './narrow-ints.js';
import type { RemoteProcess } from '../../remote-error.js';

/** The version of this layout: a worker refuses a job of another, rather than misread it. */
export const JOB_VERSION = 1;

/** A job's log line naming the worker (`host:pid`) that took it. */
export const RAN_ON = 'ran on ';

/** The name every chunk job is added under. */
export const CHUNK_JOB = 'chunk';

/** With the JobExtras of a call given a signal or a timeout, none otherwise (job-extras.ts). */
export interface ChunkJobData extends JobExtras {
  readonly v: number;
  /** The task's module URL in the parent, and its registered key. */
  readonly m: string;
  readonly k: string;
  /** starmap/apply: each item is an argument list. */
  readonly s: boolean;
  /** The items, V8-serialized, base64. */
  readonly p: string;
}

/** Throws when an item cannot be written (a function, a symbol): the batch is then not sent (backend.ts). */
export function encodeItems(items: Values): string {
  // A run of 32-bit integers crosses in half the bytes (narrow-ints.ts).
  return Buffer.from(serialize(items instanceof Float64Array ? narrowInts(items) ?? items : items)).toString('base64');
}

export function decodeItems(payload: string): Values {
  return widenInts(deserialize(Buffer.from(payload, 'base64')) as Values);
}

/** A job's data checked, or why it is not one of ours: a worker refuses it rather than guess. */
export function readJobData(data: unknown): ChunkJobData | string {
  if (typeof data !== 'object' || data === null) return 'its data is not an object';
  const { v, m, k, s, p } = data as Partial<Record<keyof ChunkJobData, unknown>>;
  if (v !== JOB_VERSION) return `it was written in layout ${JSON.stringify(v)}, and this worker reads layout ${JOB_VERSION} (are the pool and the workers the same multiproc version?)`;
  if (typeof m !== 'string' || typeof k !== 'string' || typeof s !== 'boolean' || typeof p !== 'string') return 'its data lacks the task (module, key), the star flag or the items';
  const extras = readJobExtras(data as Record<string, unknown>);
  return extras === undefined ? { v, m, k, s, p } : { v, m, k, s, p, ...extras };
}

/** The result of one chunk as the worker returns it: the bytes of packResults([result]) (bytes.ts), base64. */
export function encodeResult(packed: Uint8Array | readonly unknown[]): string {
  const bytes = packed instanceof Uint8Array ? packed : serialize(packed);
  return Buffer.from(bytes).toString('base64');
}

/**
 * A chunk that ran to its end returns its result with its compute time on the worker, in ms, for the pool's
 * default chunksize (chunk-sizer.ts); any other return value is the encoded result alone.
 */
export interface TimedResult {
  readonly r: string;
  readonly t: number;
  /** The process that ran it, for the slot's line in pool.stats() (a failure's result names it already). */
  readonly h?: RemoteProcess;
}

/** The process a returned chunk names (`h`), if it names one well formed: Redis's word, so checked. */
export function ranIn(returned: unknown): RemoteProcess | undefined {
  const h = (returned as Partial<TimedResult> | null | undefined)?.h as Partial<RemoteProcess> | undefined;
  return typeof h === 'object' && h !== null && typeof h.host === 'string' && Number.isInteger(h.pid) && typeof h.worker === 'string'
    ? { host: h.host, pid: h.pid!, worker: h.worker } : undefined;
}

/** The compute time a chunk's return value carries, if it has one. */
export function chunkTimeOf(returned: unknown): number | undefined {
  const t = (returned as Partial<TimedResult> | null | undefined)?.t;
  return typeof t === 'number' ? t : undefined;
}

/** The wire form `[seq, body]` (and the class table, when one crossed) of a result the worker returned. Throws when unreadable. */
export function decodeResult(returned: unknown): unknown[] {
  if (typeof returned === 'object' && returned !== null && typeof (returned as TimedResult).r === 'string') returned = (returned as TimedResult).r;
  if (typeof returned !== 'string') throw new TypeError(`the job's return value is ${typeof returned}, not the encoded result of a chunk`);
  const wire = deserialize(Buffer.from(returned, 'base64')) as unknown;
  if (!Array.isArray(wire) || wire.length < 2 || wire.length > 3) throw new TypeError('the job\'s return value is not the result of one chunk');
  return wire;
}
