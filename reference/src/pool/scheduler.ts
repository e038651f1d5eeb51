/**
 * The pool's tasks on their way to the workers: the task functions by id, the chunks made from each call, the
 * chunks waiting in line, and their handing out, each to the worker holding the fewest, up to the window the
 * measured chunk time allows.
 * @python multiprocessing.pool.Pool._handle_tasks
 */
import { packQueues } from '../queue/transfer.js';
import { findInstances } from '../revive.js';
import { resolveTask, type TaskFunction, type TaskRef } from '../task-registry.js';
import { ChunkQueue } from './chunk-queue.js';
import type { CallExtras, Task } from './task.js';
import { packNumbers, type Values } from './packed.js';
import { onlyPrimitives } from './primitive-items.js';
import { WindowSizer } from './window.js';
import type { WorkerHandle } from './worker-handle.js';

export class Scheduler {
  readonly #pending = new ChunkQueue<Task>();
  /** By function id: each task function's chunks are timed apart. */
  readonly #windows: WindowSizer[] = [];
  readonly #functionIds = new Map<string, number>();
  readonly #idsByFunction = new Map<TaskFunction, number>();
  readonly #functions: TaskRef[] = [];
  #nextSeq = 0;

  /** Chunks waiting for a worker. */
  get length(): number {
    return this.#pending.length;
  }

  /** The id a worker knows task `fn` by; throws TaskReferenceError for a function that is not a registered task. */
  functionId(fn: TaskFunction): number {
    // By the function itself first: the same task submitted 20,000 times need not be looked up by its URL.
    const known = this.#idsByFunction.get(fn);
    if (known !== undefined) return known;
    const ref = resolveTask(fn, 'Pool task');
    const key = `${ref.moduleUrl}#${ref.key}`;
    let id = this.#functionIds.get(key);
    if (id === undefined) {
      id = this.#functions.push(ref) - 1;
      this.#functionIds.set(key, id);
    }
    this.#idsByFunction.set(fn, id);
    return id;
  }

  /** The registered name of the task known by `id` (crash reports, pool.stats()). */
  taskName(id: number): string | undefined {
    return this.#functions[id]?.key;
  }

  /**
   * A chunk ready to cross: each Queue in its items replaced by its descriptor, listed in `queues` (left
   * undefined when there is none, which spares the worker a search). Throws QueueClosedError or QueueSocketError
   * for a Queue that cannot cross: make every chunk of a job before the job is registered or any chunk queued.
   */
  makeChunk(job: number, start: number, fn: number, items: Values, star: boolean, call?: CallExtras): Task {
    const cancel = call?.cancel;
    const timeout = call?.timeout;
    const progress = call?.progress;
    const idempotent = call?.idempotent;
    if (items instanceof Float64Array || onlyPrimitives(items)) return { seq: this.#nextSeq++, job, start, fn, items, star, queues: undefined, classes: undefined, cancel, timeout, progress, idempotent };
    const { value, queues } = packQueues(items);
    return {
      seq: this.#nextSeq++, job, start, fn, items: value, star,
      queues: queues.length === 0 ? undefined : queues,
      // Searched in the items as they will be sent (packQueues copies only what leads to a queue).
      classes: findInstances(value),
      cancel,
      timeout,
      progress,
      idempotent,
    };
  }

  /** `items` cut into chunks of `size` (runs of numbers packed), made as makeChunk makes them. */
  makeChunks(job: number, fn: number, items: readonly unknown[], size: number, star: boolean, call?: CallExtras): Task[] {
    const chunks: Task[] = [];
    for (let start = 0; start < items.length; start += size) {
      const end = Math.min(start + size, items.length);
      const values = (star ? undefined : packNumbers(items, start, end)) ?? items.slice(start, end);
      chunks.push(this.makeChunk(job, start, fn, values, star, call));
    }
    return chunks;
  }

  push(chunk: Task): void {
    this.#pending.push(chunk);
  }

  /** Puts chunks back at the front of the line, in their order (those a worker that died never ran). */
  requeue(chunks: readonly Task[]): void {
    this.#pending.unshift(chunks);
  }

  clear(): void {
    this.#pending.clear();
  }

  /** Drops the tasks of job `job` still waiting for a worker (its call was aborted): no worker ever sees them. */
  dropJob(job: number): void {
    this.#pending.removeWhere((task) => task.job === job);
  }

  /** Takes out those of `chunks` still waiting for a worker (their queueTimeoutMs passed), and returns them. */
  takeOut(chunks: ReadonlySet<Task>): Task[] {
    const taken: Task[] = [];
    this.#pending.removeWhere((task) => chunks.has(task) && taken.push(task) > 0);
    return taken;
  }

  /** One chunk of function `fn` took `ms` from the moment its worker could start it until its result arrived. */
  record(fn: number, ms: number): void {
    (this.#windows[fn] ??= new WindowSizer()).record(ms);
  }

  /**
   * Hands pending chunks to workers, oldest chunk first, each to the worker holding the fewest, up to each
   * worker's window. Fewest first, not a fixed order: chunks submitted one call at a time (applyAsync in a loop,
   * imap) would otherwise queue up behind a slow one on the first worker while another sits idle.
   */
  dispatch(workers: Iterable<WorkerHandle>): void {
    if (this.#pending.length === 0) return;
    const now = performance.now();
    while (this.#pending.length > 0) {
      const window = this.#windows[this.#pending.at(0)!.fn]?.size ?? 1;
      let target: WorkerHandle | undefined;
      for (const worker of workers) {
        if (worker.canTake(window, now) && (target === undefined || worker.inflight.length < target.inflight.length)) {
          target = worker;
        }
      }
      if (target === undefined) return;
      const chunk = this.#pending.shift()!;
      target.assign(chunk, this.#functions[chunk.fn]!);
    }
  }
}
