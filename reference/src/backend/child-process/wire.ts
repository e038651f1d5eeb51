/**
 * How chunks and results are laid out in their messages: flat arrays of fields, not an object per chunk.
 * Structured clone writes every key of every object and the other side interns each key again; for a trivial
 * task that was half the bytes and half the time of both the write and the parse.
 */
import type { ChunkResult } from '../protocol.js';
import type { Task } from '../../pool/task.js';
import type { QueueDescriptor } from '../../queue/wire.js';
import type { ClassTable } from '../../revive.js';
import type { Values } from '../../pool/packed.js';

/**
 * What a worker needs of a chunk: what to run, and the number to answer it with; `reports`: its call listens to
 * progress, so currentTask().progress() sends (otherwise it does nothing).
 */
export type WorkerChunk = Pick<Task, 'seq' | 'fn' | 'items' | 'star' | 'queues' | 'classes'> & { readonly reports: boolean };

/**
 * `[seq, fn, flags, items]` per chunk, one after the other; `[items, queues, classes]` in place of items when
 * queues or registered class instances cross.
 */
export type WireChunks = readonly unknown[];

/** `[seq, values]` per successful chunk, `[seq, failure]` per failed one, in the order they ran. */
export type WireResults = readonly unknown[];

type Failure = Omit<Extract<ChunkResult, { ok: false }>, 'seq' | 'ok'>;

const STAR = 1;
const QUEUES = 2;
const CLASSES = 4;
const REPORTS = 8;

export function encodeChunks(chunks: readonly Task[]): WireChunks {
  const wire: unknown[] = [];
  for (const { seq, fn, items, star, queues, classes, progress } of chunks) {
    const flags = (star ? STAR : 0) | (queues ? QUEUES : 0) | (classes ? CLASSES : 0) | (progress ? REPORTS : 0);
    wire.push(seq, fn, flags, queues || classes ? [items, queues, classes] : items);
  }
  return wire;
}

export function decodeChunks(wire: WireChunks): WorkerChunk[] {
  const chunks: WorkerChunk[] = [];
  for (let i = 0; i < wire.length; i += 4) {
    const flags = wire[i + 2] as number;
    const body = wire[i + 3];
    // One object literal of one shape for every chunk, queues or not: no array made to be destructured.
    const boxed = (flags & (QUEUES | CLASSES)) !== 0;
    const box = body as [Values, QueueDescriptor[] | undefined, ClassTable | undefined];
    chunks.push({
      seq: wire[i] as number,
      fn: wire[i + 1] as number,
      items: boxed ? box[0] : (body as Values),
      star: (flags & STAR) !== 0,
      queues: boxed ? box[1] : undefined,
      classes: boxed ? box[2] : undefined,
      reports: (flags & REPORTS) !== 0,
    });
  }
  return chunks;
}

/** Appends one chunk's result to `wire`. */
export function pushResult(wire: unknown[], result: ChunkResult): void {
  if (result.ok) wire.push(result.seq, result.values);
  else {
    const { seq, ok: _ok, ...failure } = result;
    wire.push(seq, failure);
  }
}

export function decodeResults(wire: WireResults): ChunkResult[] {
  const results: ChunkResult[] = [];
  for (let i = 0; i < wire.length; i += 2) {
    const seq = wire[i] as number;
    const body = wire[i + 1];
    if (Array.isArray(body) || body instanceof Float64Array) results.push({ seq, ok: true, values: body });
    else results.push({ seq, ok: false, ...(body as Failure) });
  }
  return results;
}
