/**
 * Processes retired for memory on the worker commands, for the cluster pool's `pool.stats()`: a local pool counts
 * in `recycled.memory` each worker it replaces past `maxMemoryPerChildMb`, and the cluster pool's limit is kept by
 * the worker commands' local pools (local-pools.ts), whose processes are not the pool's slots. So a worker command
 * says, in the return value of a chunk, how many processes its local pool retired for memory since it last said so
 * (the local pool counts a retiree when its results arrive, so the count of the chunk that crossed the limit is in
 * that chunk's return value), and the cluster pool adds them to its own figure. Pools of the very same set-up on
 * one queue share a worker command's local pool (local-pools.ts): a retirement then goes with whichever of their
 * chunks that local pool returns next. One told with a chunk the pool no longer waits for (cancelled, past its
 * deadline) is not counted.
 * Not counted here: a remote process stopped for a task's timeout or an abort (its local pool counts it when the
 * process has exited, after the grace period, by which time the chunk's error has gone back), nor one replaced
 * after maxTasksPerChild (the pool counts its own slots' renewals, as a local pool counts its workers').
 */
import type { Pool } from '../../pool/pool.js';
import { MOST_RETIRED_PER_MESSAGE } from '../protocol.js';

/** A chunk's return value with the retirements it reports: `y`, beside its result (`r`, job-codec.ts). */
export interface WithRetirements {
  readonly r: string;
  readonly y: number;
}

/** At most this many retirements are believed from one chunk's return value: Redis's word, so bounded. */
const MOST_PER_CHUNK = MOST_RETIRED_PER_MESSAGE;

/** The worker command's side: how many processes each local pool had retired for memory when it last reported. */
export class RetirementReports {
  readonly #reported = new WeakMap<Pool, number>();

  /** `limited`: whether a pool was made with a memory limit; one without retires nothing for memory, and is not asked. */
  constructor(private readonly limited: (pool: Pool) => boolean) {}

  /**
   * `returned` (a chunk's return value) with the retirements `pool` made since its last report, if any (at most
   * MOST_PER_CHUNK at once: the rest goes with the next chunk).
   */
  attach<T>(pool: Pool, returned: T): T | WithRetirements | (T & { y: number }) {
    if (!this.limited(pool)) return returned;
    const reported = this.#reported.get(pool) ?? 0;
    const since = Math.min(pool.stats().recycled.memory - reported, MOST_PER_CHUNK);
    if (since <= 0) return returned;
    this.#reported.set(pool, reported + since);
    return typeof returned === 'string' ? { r: returned, y: since } : { ...returned, y: since };
  }
}

/** The pool's side: the retirements a chunk's return value reports (a whole number, bounded), or 0. */
export function retirementsIn(returned: unknown): number {
  const y = (returned as { y?: unknown } | null | undefined)?.y;
  return typeof y === 'number' && Number.isInteger(y) && y > 0 && y <= MOST_PER_CHUNK ? y : 0;
}
