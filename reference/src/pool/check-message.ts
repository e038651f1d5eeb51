/**
 * The parent's look at every message a worker sends, before acting on it. Workers keep the channel from task
 * code (own-channel.ts), so a message that fails here means code that wrote to the channel by other means, or
 * a bug: the pool treats it as a protocol fault of that worker, never as an exception in the parent.
 */
import { describeThrown } from '../describe-thrown.js';
import { MOST_RETIRED_PER_MESSAGE, type ChunkResult, type FromWorker } from '../backend/protocol.js';
import type { Task } from './task.js';

/** `message` as the pool's own, or what is wrong with it. Cheap: a few typeof checks per message. */
export function checkFromWorker(message: unknown): FromWorker | string {
  if (typeof message !== 'object' || message === null) return `a message that is ${describeThrown(message)}`;
  const m = message as Record<string, unknown>;
  switch (m['kind']) {
    case 'ready':
      return message as FromWorker;
    case 'received':
      return Number.isInteger(m['seq']) ? (message as FromWorker) : 'a "received" message without a chunk number';
    case 'loaded':
      return Number.isInteger(m['fn']) ? (message as FromWorker) : 'a "loaded" message without a function number';
    case 'init-error':
      return m['error'] instanceof Uint8Array ? (message as FromWorker) : 'an "init-error" message without its error';
    case 'results':
      return (m['results'] instanceof Uint8Array || Array.isArray(m['results'])) && Number.isInteger(m['count']) && (m['count'] as number) >= 0 &&
        (m['through'] === undefined || Number.isInteger(m['through'])) &&
        (m['rssMb'] === undefined || typeof m['rssMb'] === 'number') && (m['retire'] === undefined || m['retire'] === 'memory') &&
        (m['crashed'] === undefined || Number.isInteger(m['crashed'])) &&
        (m['retiredRemotely'] === undefined || (Number.isInteger(m['retiredRemotely']) && (m['retiredRemotely'] as number) >= 0 && (m['retiredRemotely'] as number) <= MOST_RETIRED_PER_MESSAGE))
        ? (message as FromWorker)
        : 'a "results" message without its results';
    case 'progress':
      if (!Number.isInteger(m['seq'])) return 'a "progress" message without a chunk number';
      return Number.isInteger(m['offset']) && (m['offset'] as number) >= 0 ? (message as FromWorker) : 'a "progress" message without its item offset';
    case 'released':
      return Array.isArray(m['seqs']) && (m['seqs'] as unknown[]).length > 0 && (m['seqs'] as unknown[]).every(Number.isInteger)
        ? (message as FromWorker)
        : 'a "released" message without its chunk numbers';
    default:
      return `a message of unknown kind ${describeThrown(m['kind'])}`;
  }
}

/**
 * Whether `results` answer `inflight` in order (the worker runs its chunks in the order they were sent), each
 * with as many values as its chunk has items: undefined when they do, else what is wrong.
 */
export function checkAnswers(results: readonly ChunkResult[], inflight: readonly Task[]): string | undefined {
  if (results.length > inflight.length) return `results for ${results.length} chunks while it held ${inflight.length}`;
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    const chunk = inflight[i]!;
    if (result.seq !== chunk.seq) return `the result of chunk ${result.seq} where chunk ${chunk.seq} was next`;
    const length = chunk.items.length;
    if (result.ok ? result.values.length !== length : result.failedAt >= length) {
      return `a result of chunk ${result.seq} that does not match its ${length} items`;
    }
  }
  return undefined;
}
