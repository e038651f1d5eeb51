/**
 * pool.stats(): what the pool and each of its workers are doing, read synchronously from the books the pool keeps
 * anyway (no message to any worker). Counts are in tasks, and a task is a chunk: map(f, 100 items, chunksize 10)
 * is ten tasks. The counters live here; the worker set bumps them as results, crashes and recycles happen.
 */
import type { WorkerHandle } from './worker-handle.js';
import type { RemoteProcess } from '../remote-error.js';

/**
 * Why a worker was replaced: `tasks` (it ran maxTasksPerChild tasks), `memory` (its RSS passed
 * maxMemoryPerChildMb), `crash` (it exited without being asked to), `cancel` (it kept running a task of an aborted
 * call past the grace period), `timeout` (a task ran past its timeout).
 * @python — (Python's Pool counts nothing)
 */
export type RecycleReason = 'tasks' | 'memory' | 'crash' | 'timeout' | 'cancel';

/** The task a worker is running (or about to, when it was idle and the task is on its way). @python — */
export interface RunningTaskStats {
  /** The call's job id (one per applyAsync, map, imap…). */
  readonly job: number;
  /** Index in the call's input of the task's first item. */
  readonly index: number;
  /** Items in the task (the chunk's size). */
  readonly count: number;
  /** The task function's registered name. */
  readonly task: string;
  /** Since the worker could start it, in whole ms. */
  readonly runningMs: number;
}

/** @python — (Python's Pool has no stats) one worker of pool.stats(). */
export interface WorkerStats {
  readonly pid: number;
  readonly name: string;
  /** Tasks (chunks) this worker finished, failed ones included. */
  readonly tasksDone: number;
  readonly current: RunningTaskStats | null;
  /** Resident set size in MiB as the worker last reported it (at most every ~100 ms, after a task); undefined before. */
  readonly rssMb: number | undefined;
  /** When the worker was started, in ms since the epoch (Date.now()). */
  readonly startedAt: number;
  /** The worker takes no more work: it is being recycled, stopped or retired by close(); it leaves after its tasks. */
  readonly retiring: boolean;
  /**
   * A cluster pool's slot (its pid is 0): the process of another machine that ran its last chunk, its host and pid
   * and its worker command (`host:pid`); absent before the slot's first chunk came back, and for a local worker.
   */
  readonly remote?: RemoteProcess;
}

/** @python — (Python's Pool has no stats) what pool.stats() returns. Counts are of tasks (chunks), not items. */
export interface PoolStats {
  /** The pool's size (Pool.processes); `workers` may briefly hold more while a retiree leaves beside its replacement. */
  readonly processes: number;
  /** Tasks not started: waiting for a worker, or held by a worker behind the one it runs. */
  readonly queued: number;
  /** Tasks running now (at most one per worker). */
  readonly running: number;
  /** Tasks that returned. */
  readonly completed: number;
  /** Tasks that raised, were skipped because their call was aborted, or whose worker died running them. */
  readonly failed: number;
  /** Workers replaced, by reason. */
  readonly recycled: Readonly<Record<RecycleReason, number>>;
  readonly workers: readonly WorkerStats[];
}

/** The running totals behind PoolStats. */
export class PoolCounters {
  completed = 0;
  failed = 0;
  readonly recycled: Record<RecycleReason, number> = { tasks: 0, memory: 0, crash: 0, timeout: 0, cancel: 0 };
}

/** The stats of a pool of `processes` with these workers, `inLine` tasks waiting for one, and these totals. */
export function poolStats(processes: number, workers: Iterable<WorkerHandle>, inLine: number, counters: PoolCounters,
  taskName: (fn: number) => string): PoolStats {
  const now = performance.now();
  let queued = inLine;
  let running = 0;
  const list: WorkerStats[] = [];
  for (const worker of workers) {
    const first = worker.inflight[0];
    if (first !== undefined) {
      running++;
      queued += worker.inflight.length - 1;
    }
    const remote = worker.remote();
    list.push({
      pid: worker.pid,
      name: worker.name,
      tasksDone: worker.tasksDone,
      current: first === undefined ? null : {
        job: first.job, index: first.start, count: first.items.length, task: taskName(first.fn), runningMs: Math.round(now - worker.busySince),
      },
      rssMb: worker.rssMb,
      startedAt: worker.startedAt,
      retiring: worker.retiring || (worker.budget <= 0 && first === undefined),
      ...(remote === undefined ? {} : { remote }),
    });
  }
  return { processes, queued, running, completed: counters.completed, failed: counters.failed, recycled: { ...counters.recycled }, workers: list };
}
