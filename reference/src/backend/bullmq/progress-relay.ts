/**
 * A task's `currentTask().progress(value)` across Redis, for a call given `onProgress` (its jobs carry `r: 1`).
 * The way there is the local pool's own, three times over: the task's worker coalesces its reports (progress-out.ts)
 * and sends them to the worker command's local pool, whose onProgress hands each to BullMQ's
 * `job.updateProgress`; the pool's QueueEvents hears the 'progress' event, and the link delivers it as a worker
 * would, before the chunk's result (cluster-backend.ts). BullMQ's progress must be JSON, so the value crosses
 * V8-serialized (as items and results do) with its item's offset in the chunk and a count, which lets the parent
 * tell the last report (also kept in the job's record, read with its result) from one it has already delivered.
 */
import { deserialize, serialize } from 'node:v8';
import type { Job } from 'bullmq';
import type { ProgressUpdate } from '../../pool/progress.js';
import { progressSender, provideProgressSender } from '../child-process/progress-out.js';

/** A report as a job's progress: its count in the chunk, its item's offset, its value (V8, base64). */
interface Relayed {
  readonly n: number;
  readonly o: number;
  readonly v: string;
}

/**
 * In the local pool's child: what the chunk's task reports is about one of the chunk's items, while the local
 * pool sees one task (the chunk runner) with one item. The item's offset goes inside the value, and the local
 * pool is told item 0. Installed once per child: the worker command's local pool runs nothing but chunks.
 */
export function offsetsInsideValues(): void {
  const send = progressSender();
  if (send === undefined) return;
  provideProgressSender((seq, offset, value) => send(seq, 0, [offset, value]));
}

/**
 * In the worker command: the onProgress of the local call for `job`, and `flushed()`, which resolves once every
 * report handed to BullMQ is in Redis (the processor returns after it, so the last report precedes the result).
 */
export function relayTo(job: Job): { onProgress(update: ProgressUpdate): void; flushed(): Promise<void> } {
  let count = 0;
  let last: Promise<void> = Promise.resolve();
  return {
    onProgress({ index, value }) {
      // Only a task's reports: the local call's own { done, total } say nothing the parent does not know.
      if (index === undefined || !Array.isArray(value)) return;
      const [offset, reported] = value as [number, unknown];
      const relayed: Relayed = { n: ++count, o: offset, v: Buffer.from(serialize(reported)).toString('base64') };
      last = job.updateProgress(relayed as unknown as object).catch(() => undefined);
    },
    flushed: () => last,
  };
}

/** A job's progress as the parent reads it, or undefined when it is not one of ours (or none was made). */
export function readRelayed(data: unknown): { n: number; offset: number; value: unknown } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { n, o, v } = data as Partial<Record<keyof Relayed, unknown>>;
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(o) || (o as number) < 0 || typeof v !== 'string') return undefined;
  try {
    return { n: n as number, offset: o as number, value: deserialize(Buffer.from(v, 'base64')) };
  } catch {
    return undefined;
  }
}
