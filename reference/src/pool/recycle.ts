/**
 * Recycling that never strands work: which workers leave to be replaced, and why. A worker becomes a retiree
 * the moment it will run nothing more (its maxTasksPerChild budget spent and its last task answered, or its RSS
 * past maxMemoryPerChildMb); its replacement is started then, before it leaves, so a pool with work queued never
 * has fewer workers able to take it than its size (CPython gh-115634 deadlocked in that gap). Its exit then starts
 * no second one. The reasons are counted for pool.stats().
 */
import type { ResultsMessage } from '../backend/protocol.js';
import type { PoolCounters } from './stats.js';
import type { WorkerHandle } from './worker-handle.js';

export class Recycling {
  /** Retirees counted already (tasks or memory), whatever ends them. */
  readonly #retired = new WeakSet<WorkerHandle>();
  /** Retirees whose replacement was started before they left. */
  readonly #replaced = new WeakSet<WorkerHandle>();

  constructor(private readonly counters: PoolCounters) {}

  /**
   * After `worker`'s results were routed: the reason it just became a retiree, if it did. A memory retiree said
   * so itself; a worker whose budget is spent becomes one when it has answered its last task.
   */
  retireeAfter(worker: WorkerHandle, message: ResultsMessage): 'tasks' | 'memory' | undefined {
    const reason = message.retire ?? (worker.budget <= 0 && worker.inflight.length === 0 ? 'tasks' : undefined);
    if (reason === undefined || this.#retired.has(worker)) return undefined;
    this.#retired.add(worker);
    this.counters.recycled[reason]++;
    return reason;
  }

  /** The replacement of retiree `worker` was started: its exit starts none. */
  replaced(worker: WorkerHandle): void {
    this.#replaced.add(worker);
  }

  /** Whether `worker`, gone, still needs a replacement (none was started before it left). */
  needsReplacement(worker: WorkerHandle): boolean {
    return !this.#replaced.has(worker);
  }

  /**
   * `worker` exited while the pool runs (or is closed): counts why, unless it was a retiree counted already or a
   * worker retired by close(). A worker killed for breaking the protocol counts as a crash.
   */
  exited(worker: WorkerHandle): void {
    if (this.#retired.has(worker)) return;
    if (worker.stoppedFor !== undefined) this.counters.recycled[worker.stoppedFor]++;
    else if (!worker.retiring || worker.fault !== undefined) this.counters.recycled.crash++;
  }
}
