/**
 * A fixed set of long-lived worker processes that run registered task functions. This is the façade: the
 * options, the public API and the pool's states (RUN, CLOSE, TERMINATE, and BROKEN where Python would hang);
 * the scheduler hands chunks out, the worker set keeps the workers, the result router settles the jobs.
 * @python multiprocessing.pool.Pool
 */
import { checkArity } from '../arity.js';
import { forkBackend } from '../backend/child-process/fork-backend.js';
import { clusterBackend } from '../backend/bullmq/cluster-backend.js';
import type { WorkerBackend } from '../backend/backend.js';
import { refuseInDaemon, refuseWhileImportingTask } from '../bootstrapping.js';
import type { Cloned, Sendable, SendableArgs } from '../cloned.js';
import { type InitializerError, PoolStateError, PoolTerminatedError, type WorkerStartError } from '../errors.js';
import type { TaskFunction } from '../task-registry.js';
import type { AsyncResult, ResultCallbacks } from './async-result.js';
import type { CallbackContext } from './callback-errors.js';
import {
  checkArgLists,
  checkArgs,
  checkCallbacks,
  checkCallOptions,
  checkChunksizeShape,
  checkIterable,
  checkKwds,
  poolArityHint,
  withKwds,
} from './call-arguments.js';
import { checkChunksize, defaultChunksize } from './chunking.js';
import { watchForgottenAwait } from './forgotten-await.js';
import { IMapIterator } from './imap.js';
import { ApplyJob, MapJob } from './jobs.js';
import { packNumbers } from './packed.js';
import { readPoolOptions, type PoolOptions } from './pool-options.js';
import { AbortWatch } from './abort-watch.js';
import { CALL_OPTION_KEYS, type CallOptions } from './cancel.js';
import { readProgress } from './progress.js';
import { readIdempotent } from './idempotent.js';
import type { CallbackErrorHandler } from './callback-errors.js';
import { ResultRouter } from './result-router.js';
import { QueueDeadlines } from './queue-timeout.js';
import { readTimeouts, type TimeoutDefaults } from './task-timeout.js';
import type { CallExtras, Task } from './task.js';
import { Scheduler } from './scheduler.js';
import { StalledRelease } from './release-stalled.js';
import { WorkerSet, type PoolState } from './worker-set.js';
import { poolStats, type PoolStats } from './stats.js';

export type { PoolOptions } from './pool-options.js';

/** What a task's result is once it has crossed back to the parent (see cloned.ts). */
type Result<F extends TaskFunction> = Cloned<Awaited<ReturnType<F>>>;
/** A task's parameters before its last one: the positional arguments when the last one takes keyword arguments. */
export type ArgsBeforeKwds<F extends TaskFunction> = Required<Parameters<F>> extends [...infer Before, unknown] ? Before : Parameters<F>;
/** A task's last parameter: the object of keyword arguments (Python's kwds); for `(...args: T[])`, a T. */
export type KwdsOf<F extends TaskFunction> = Required<Parameters<F>> extends [...unknown[], infer Kwds]
  ? Kwds
  : Parameters<F> extends readonly (infer Each)[] ? Each : never;

/**
 * applyAsync's options: the callbacks, and `kwds`, the keyword arguments the task receives as its last argument.
 * @python apply_async(func, args, kwds, callback, error_callback)
 */
export interface ApplyOptions<T, K = Readonly<Record<string, unknown>>> extends ResultCallbacks<T>, CallOptions {
  readonly kwds?: K;
}

/** mapAsync's and starmapAsync's options: the callbacks, and the signal that aborts the call. */
export interface MapAsyncOptions<T> extends ResultCallbacks<T>, CallOptions {}
type Items<T> = Iterable<T> | AsyncIterable<T>;
const APPLY_KEYS = ['kwds', ...CALL_OPTION_KEYS];

/**
 * `I`, the initializer's type, is inferred from `options.initializer` so that `options.initargs` is checked
 * against its parameters; nothing else depends on it (a `Pool<typeof init>` is a `Pool`).
 * @python multiprocessing.pool.Pool
 */
export class Pool<I extends TaskFunction = TaskFunction> {
  readonly processes: number;
  #state: PoolState = 'RUN';
  #broken: InitializerError | WorkerStartError | undefined;
  readonly #router = new ResultRouter();
  readonly #scheduler = new Scheduler();
  readonly #stalled = new StalledRelease(() => this.#settle());
  readonly #workers: WorkerSet;
  /** Asked for a map's default chunksize, when it has its own (the cluster's: chunk-sizer.ts). */
  readonly #backend: WorkerBackend;
  /** imap jobs still reading their input: a closed pool keeps its workers until they are done. */
  readonly #feeding = new Map<number, IMapIterator<unknown>>();
  /** Where each method's callbacks report a throw (made once: results are made by the thousand). */
  readonly #callbackContexts: Readonly<Record<'applyAsync' | 'mapAsync' | 'starmapAsync', CallbackContext>>;
  /** SIGKILL this long after SIGTERM; undefined: never. */
  readonly #terminateGraceMs: number | undefined;
  readonly #aborts: AbortWatch;
  /** What a call's timeouts fall back on (the pool's taskTimeoutMs, cancelGraceMs and terminateGraceMs). */
  readonly #timeoutDefaults: TimeoutDefaults;
  readonly #queueDeadlines: QueueDeadlines;
  /** Where a throwing onProgress is reported. */
  readonly #onCallbackError: CallbackErrorHandler | undefined;
  #allExited: Promise<void>;
  #markAllExited!: () => void;

  /** @python Pool(processes=None, …) with its options by name; `new Pool(4)` is Python's positional `Pool(4)`. */
  constructor(options?: PoolOptions<I>);
  constructor(processes: number | null | undefined);
  constructor(first?: PoolOptions | number | null, ...rest: unknown[]) {
    refuseWhileImportingTask('new Pool()');
    refuseInDaemon('new Pool()');
    const { processes, terminateGraceMs, onCallbackError: onError, init, env, cancelGraceMs, taskTimeoutMs, cluster } = readPoolOptions(first, rest);
    this.processes = processes;
    this.#terminateGraceMs = terminateGraceMs;
    this.#timeoutDefaults = { taskTimeoutMs, cancelGraceMs, terminateGraceMs };
    this.#onCallbackError = onError;
    this.#aborts = new AbortWatch(cancelGraceMs, (id, cancel, error) => {
      this.#router.abort(id, error);
      this.#feeding.delete(id);
      this.#scheduler.dropJob(id);
      this.#workers.cancelJob(id, cancel.graceMs, this.#terminateGraceMs);
      this.#settle();
    });
    this.#callbackContexts = {
      applyAsync: { method: 'applyAsync', onError },
      mapAsync: { method: 'mapAsync', onError },
      starmapAsync: { method: 'starmapAsync', onError },
    };
    this.#allExited = new Promise((resolve) => (this.#markAllExited = resolve));
    this.#backend = cluster === undefined ? forkBackend(env) : clusterBackend(cluster);
    this.#workers = new WorkerSet(init, this.#backend, this.#router, this.#scheduler, {
      state: () => this.#state,
      mayGetWork: () => this.#state === 'RUN' || (this.#state === 'CLOSE' && this.#feeding.size > 0),
      breakPool: (error) => this.#breakPool(error),
      settle: () => this.#settle(),
    });
    this.#queueDeadlines = new QueueDeadlines(this.#scheduler, this.#workers.all, this.#router, () => this.#settle());
    try {
      for (let i = 0; i < processes; i++) this.#workers.spawn();
    } catch (error) {
      // As Python's Pool() does: the workers already started are stopped, and the error raised.
      this.#state = 'TERMINATE';
      this.#workers.terminate(this.#terminateGraceMs);
      throw error;
    }
  }

  /**
   * Calls `fn(...args)` in a worker and waits for the result; with `kwds`, `fn(...args, kwds)`: the keyword
   * arguments come as one more, last, argument. @python Pool.apply(func, args=(), kwds={})
   */
  apply<F extends TaskFunction>(fn: F, args: SendableArgs<Parameters<F>>, kwds?: undefined, options?: CallOptions): Promise<Result<F>>;
  apply<F extends TaskFunction>(fn: F, args: SendableArgs<ArgsBeforeKwds<F>>, kwds: Sendable<KwdsOf<F>>, options?: CallOptions): Promise<Result<F>>;
  apply<F extends TaskFunction>(fn: F, args: readonly unknown[], kwds?: unknown, options?: CallOptions): Promise<Result<F>> {
    const given = arguments;
    return watchForgottenAwait(this.#apply<F>(given, fn, args, kwds, options), 'pool.apply()');
  }

  // async, so a refused submission rejects like map() instead of throwing past a .catch().
  async #apply<F extends TaskFunction>(given: IArguments, fn: F, args: readonly unknown[], kwds: unknown, options: unknown): Promise<Result<F>> {
    if (given.length > 4) checkArity(given, 4, 'Pool.apply', 2, poolArityHint('apply'));
    const checked = checkKwds(kwds, 'apply');
    const call = checkCallOptions(options, 'apply');
    const applyOptions = checked === undefined && call === undefined ? undefined : { ...call, kwds: checked };
    return this.#applyAsync(fn, args, applyOptions as ApplyOptions<Result<F>, unknown> | undefined, 'apply').get();
  }

  /**
   * `options.kwds`: keyword arguments, given to `fn` as one more, last, argument.
   * @python Pool.apply_async(func, args=(), kwds={}, callback=, error_callback=)
   */
  applyAsync<F extends TaskFunction>(fn: F, args: SendableArgs<Parameters<F>>, options?: ApplyOptions<Result<F>, never>): AsyncResult<Result<F>>;
  applyAsync<F extends TaskFunction>(fn: F, args: SendableArgs<ArgsBeforeKwds<F>>,
    options: ApplyOptions<Result<F>, Sendable<KwdsOf<F>>> & { readonly kwds: Sendable<KwdsOf<F>> }): AsyncResult<Result<F>>;
  applyAsync<F extends TaskFunction>(fn: F, args: readonly unknown[], options?: ApplyOptions<Result<F>, unknown>): AsyncResult<Result<F>> {
    if (arguments.length > 3) checkArity(arguments, 3, 'Pool.applyAsync', 2, poolArityHint('applyAsync'));
    return this.#applyAsync(fn, args, options, 'applyAsync');
  }

  /** `method` names the call in errors (apply or applyAsync). */
  #applyAsync<F extends TaskFunction>(fn: F, args: readonly unknown[], options: ApplyOptions<Result<F>, unknown> | undefined,
    method: string): AsyncResult<Result<F>> {
    const fnId = this.#scheduler.functionId(fn);
    this.#checkRunning();
    const callbacks = checkCallbacks<Result<F>>(options, 'applyAsync', APPLY_KEYS);
    const argList = withKwds(checkArgs(args, 'applyAsync'), checkKwds(options?.kwds, 'applyAsync'));
    const call = this.#readCall(options, method, 1);
    const job = new ApplyJob<Result<F>>(callbacks, this.#callbackContexts.applyAsync);
    // Made before the job is registered: a Queue that cannot cross refuses the call and leaves nothing behind.
    const chunk = this.#scheduler.makeChunk(this.#router.nextId, 0, fnId, [argList], true, call);
    if (call.cancel !== undefined && !this.#aborts.watch(this.#router.nextId, call.cancel, method, job)) return job;
    this.#router.register(job);
    this.#queue([chunk], call);
    return job;
  }

  /** Results in input order, whatever order the workers finish in. @python Pool.map() */
  map<F extends (item: any) => unknown>(fn: F, iterable: Items<Sendable<Parameters<F>[0]>>, chunksize?: number, options?: CallOptions): Promise<Result<F>[]> {
    const given = arguments;
    return watchForgottenAwait((async () => {
      if (given.length > 4) checkArity(given, 4, 'Pool.map', 2, poolArityHint('map'));
      return (await this.#mapAsync(fn, iterable, chunksize, false, 'map', checkCallOptions(options, 'map'))).get();
    })(), 'pool.map()');
  }

  /** @python Pool.starmap() */
  starmap<F extends TaskFunction>(fn: F, iterable: Items<SendableArgs<Parameters<F>>>, chunksize?: number, options?: CallOptions): Promise<Result<F>[]> {
    const given = arguments;
    return watchForgottenAwait((async () => {
      if (given.length > 4) checkArity(given, 4, 'Pool.starmap', 2, poolArityHint('starmap'));
      return (await this.#mapAsync(fn, iterable, chunksize, true, 'starmap', checkCallOptions(options, 'starmap'))).get();
    })(), 'pool.starmap()');
  }

  /** @python Pool.map_async() — takes an array (or any sync iterable), like Python, which lists it first. */
  mapAsync<F extends (item: any) => unknown>(fn: F, iterable: Iterable<Sendable<Parameters<F>[0]>>, chunksize?: number,
    options?: MapAsyncOptions<Result<F>[]>): AsyncResult<Result<F>[]> {
    if (arguments.length > 4) checkArity(arguments, 4, 'Pool.mapAsync', 2, poolArityHint('mapAsync'));
    const fnId = this.#checkMap(fn, iterable, chunksize, 'mapAsync', false);
    const callbacks = checkCallbacks(options, 'mapAsync', CALL_OPTION_KEYS);
    const call = this.#readCall(options, 'mapAsync');
    // An array needs no copy: #submitMap cuts it into chunks before anything else runs.
    const items = Array.isArray(iterable) ? iterable : [...iterable];
    return this.#submitMap(fnId, items, chunksize, false, callbacks, 'mapAsync', call);
  }

  /** @python Pool.starmap_async() */
  starmapAsync<F extends TaskFunction>(fn: F, iterable: Iterable<SendableArgs<Parameters<F>>>, chunksize?: number,
    options?: MapAsyncOptions<Result<F>[]>): AsyncResult<Result<F>[]> {
    if (arguments.length > 4) checkArity(arguments, 4, 'Pool.starmapAsync', 2, poolArityHint('starmapAsync'));
    const fnId = this.#checkMap(fn, iterable, chunksize, 'starmapAsync', false);
    const callbacks = checkCallbacks(options, 'starmapAsync', CALL_OPTION_KEYS);
    const call = this.#readCall(options, 'starmapAsync');
    return this.#submitMap(fnId, [...iterable], chunksize, true, callbacks, 'starmapAsync', call);
  }

  /**
   * Results in input order as they become available. Reads the input lazily, with a bounded look-ahead, so an
   * endless or huge (async) iterable runs in bounded memory (Python lists the whole input first).
   * @python Pool.imap(func, iterable, chunksize=1)
   */
  imap<F extends (item: any) => unknown>(fn: F, iterable: Items<Sendable<Parameters<F>[0]>>, chunksize = 1,
    options?: CallOptions): IMapIterator<Result<F>> {
    if (arguments.length > 4) checkArity(arguments, 4, 'Pool.imap', 2, poolArityHint('imap'));
    return this.#imap(fn, iterable, chunksize, true, options);
  }

  /** Each result once, as soon as it is ready. @python Pool.imap_unordered() */
  imapUnordered<F extends (item: any) => unknown>(fn: F, iterable: Items<Sendable<Parameters<F>[0]>>, chunksize = 1,
    options?: CallOptions): IMapIterator<Result<F>> {
    if (arguments.length > 4) checkArity(arguments, 4, 'Pool.imapUnordered', 2, poolArityHint('imapUnordered'));
    return this.#imap(fn, iterable, chunksize, false, options);
  }

  /** No more work is accepted; workers exit once the submitted work is done. @python Pool.close() */
  close(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Pool.close');
    if (this.#state === 'RUN') {
      this.#state = 'CLOSE';
      // Work submitted is work to finish: imaps read the rest of their input now, not at their consumer's pace.
      for (const iterator of this.#feeding.values()) iterator.readToEnd();
    }
    this.#retireIdleWorkers();
  }

  /**
   * Stops the workers now: SIGTERM, then SIGKILL for any worker still alive `terminateGraceMs` later (Python
   * never escalates, so a task that ignores SIGTERM hangs its join()). Work not finished is rejected with
   * PoolTerminatedError, where Python leaves it pending forever. @python Pool.terminate()
   */
  terminate(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Pool.terminate');
    if (this.#state === 'TERMINATE') return;
    this.#state = 'TERMINATE';
    this.#failEverything(new PoolTerminatedError('the pool was terminated before this task finished'));
    this.#workers.terminate(this.#terminateGraceMs);
    this.#checkAllExited();
  }

  /** Waits for every worker to exit; call close() or terminate() first. @python Pool.join() */
  async join(): Promise<void> {
    if (arguments.length > 0) checkArity(arguments, 0, 'Pool.join', 0, poolArityHint('join'));
    if (this.#state === 'RUN') {
      throw new PoolStateError('Pool is still running: call close() or terminate() before join()');
    }
    await this.#allExited;
  }

  /** `await using pool = new Pool()` terminates the pool at the end of the scope, as Python's `with Pool()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.terminate();
    await this.join();
  }

  /**
   * What the pool and each worker are doing now: tasks queued, running, completed and failed (a task is a chunk),
   * workers recycled by reason, and per worker its pid, tasks done, current task, last reported RSS and start
   * time. Synchronous and cheap: read from the pool's own books, no worker is asked.
   * @python — (Python's Pool has no stats)
   */
  stats(): PoolStats {
    if (arguments.length > 0) checkArity(arguments, 0, 'Pool.stats');
    return poolStats(this.processes, this.#workers.all, this.#scheduler.length, this.#workers.counters,
      (fn) => this.#scheduler.taskName(fn) ?? String(fn));
  }

  /** @internal Jobs submitted and not yet ended (their results still routed to them): for tests of leaks. */
  get jobsInFlight(): number {
    return this.#router.size;
  }

  toString(): string {
    return `<Pool state=${this.#state} pool_size=${this.processes}>`;
  }

  // ——— submission ———

  #checkRunning(): void {
    if (this.#state === 'BROKEN') throw this.#broken!;
    if (this.#state !== 'RUN') throw new PoolStateError('Pool not running: it was closed or terminated; create a new Pool');
  }

  /**
   * What every map checks before it reads its input, in Python's order (the pool, then the input, then the
   * chunksize): the input may be endless. Returns the function's id.
   */
  #checkMap(fn: TaskFunction, iterable: unknown, chunksize: number | null | undefined, method: string, mayBeAsync: boolean): number {
    const fnId = this.#scheduler.functionId(fn);
    this.#checkRunning();
    checkIterable(iterable, method, mayBeAsync);
    checkChunksizeShape(chunksize, method);
    if (chunksize !== undefined && chunksize !== null) checkChunksize(chunksize);
    return fnId;
  }

  /** map/starmap: the input may be async, so it is read first; `method` names the call in errors. */
  async #mapAsync(fn: TaskFunction, iterable: Items<unknown>, chunksize: number | null | undefined, star: boolean,
    method: string, options: CallOptions | undefined): Promise<AsyncResult<any[]>> {
    const fnId = this.#checkMap(fn, iterable, chunksize, method, true);
    const call = this.#readCall(options, method);
    // An array needs no copy: #submitMap cuts it into chunks before anything else runs.
    if (Array.isArray(iterable)) return this.#submitMap(fnId, iterable, chunksize, star, undefined, method, call);
    const items: unknown[] = [];
    if (Symbol.asyncIterator in Object(iterable)) {
      for await (const item of iterable as AsyncIterable<unknown>) {
        items.push(item);
        // An abort while the input is read ends the call then, not once the input is done.
        if (call.cancel?.signal.aborted) break;
      }
    } else items.push(...(iterable as Iterable<unknown>));
    // Reading ran the caller's code, and took time: the pool may have been closed or terminated meanwhile.
    this.#checkRunning();
    return this.#submitMap(fnId, items, chunksize, star, undefined, method, call);
  }

  /** Cuts a checked map's input into chunks and queues them; `chunksize` was checked (null: the default). */
  #submitMap(fnId: number, items: readonly unknown[], chunksize: number | null | undefined, star: boolean,
    callbacks: ResultCallbacks<any[]> | undefined, method: string, call: CallExtras): AsyncResult<any[]> {
    const { cancel, progress } = call;
    if (star) checkArgLists(items, method);
    if (progress !== undefined) progress.total = items.length;
    const size = chunksize ?? this.#backend.defaultChunksize?.(fnId, items.length, this.processes) ?? defaultChunksize(items.length, this.processes);
    // A call aborted already is rejected, even with no items: its job must not resolve first.
    const aborted = cancel?.signal.aborted === true;
    const job = new MapJob<unknown>(aborted ? Math.max(items.length, 1) : items.length, callbacks,
      this.#callbackContexts[star ? 'starmapAsync' : 'mapAsync']);
    if (items.length === 0 && !aborted) return job;
    // Every chunk made before any is queued: a Queue that cannot cross in a later item refuses the whole call,
    // and none of the items before it runs.
    const chunks = this.#scheduler.makeChunks(this.#router.nextId, fnId, items, size, star, call);
    if (cancel !== undefined && !this.#aborts.watch(this.#router.nextId, cancel, method, job)) return job;
    this.#router.register(job);
    this.#queue(chunks, call);
    return job;
  }

  /** What `options` add to each task of the call (checked; `method` names the call in errors). */
  #readCall(options: CallOptions | undefined, method: string, total?: number): CallExtras {
    return {
      cancel: this.#aborts.read(options, method),
      timeout: readTimeouts(options, method, this.#timeoutDefaults),
      progress: readProgress(options, method, total, this.#onCallbackError),
      idempotent: readIdempotent(options, method),
    };
  }

  /** Puts a registered job's chunks in line, with their queue deadline if the call has one, and hands them out. */
  #queue(chunks: readonly Task[], call: CallExtras): void {
    for (const chunk of chunks) this.#scheduler.push(chunk);
    const queueTimeoutMs = call.timeout?.queueTimeoutMs;
    if (queueTimeoutMs !== undefined) this.#queueDeadlines.watch(chunks, queueTimeoutMs);
    this.#scheduler.dispatch(this.#workers.all);
  }

  #imap(fn: TaskFunction, iterable: Items<unknown>, chunksize: number, ordered: boolean, options: unknown): IMapIterator<any> {
    const method = ordered ? 'imap' : 'imapUnordered';
    const fnId = this.#scheduler.functionId(fn);
    this.#checkRunning();
    checkIterable(iterable, method, true);
    checkChunksizeShape(chunksize, method);
    checkChunksize(chunksize);
    // total: known at once for an array, else once the input is read to its end.
    const call = this.#readCall(checkCallOptions(options, method), method, Array.isArray(iterable) ? iterable.length : undefined);
    const { cancel, progress } = call;
    // Already aborted: an iterator of nothing, whose first step rejects; the input is never read.
    const input = cancel?.signal.aborted ? [] : iterable;
    return new IMapIterator(input, chunksize, ordered, this.processes * 4, {
      open: (iterator) => {
        if (cancel !== undefined && !this.#aborts.watch(this.#router.nextId, cancel, method, iterator)) return -1;
        const job = this.#router.register(iterator);
        this.#feeding.set(job, iterator);
        return job;
      },
      submit: (job, start, items) => {
        // An aborted imap may still be reading an item it asked for: nothing more is queued.
        if (cancel?.aborted) return;
        // An imap started before close() is work already submitted: it may go on reading its input.
        if (this.#state !== 'CLOSE') this.#checkRunning();
        const chunk = this.#scheduler.makeChunk(job, start, fnId, packNumbers(items) ?? items, false, call);
        progress?.submitted(items.length);
        this.#queue([chunk], call);
      },
      doneFeeding: (job) => {
        progress?.inputEnded();
        this.#feeding.delete(job);
        if (this.#state === 'CLOSE') this.#retireIdleWorkers();
      },
      drop: (job) => {
        this.#router.drop(job);
        this.#aborts.forget(job);
      },
    });
  }

  // ——— the pool's states ———

  /** After every event of a worker: hand out what is pending, let a closed pool's idle workers go, see if all left. */
  #settle(): void {
    this.#scheduler.dispatch(this.#workers.all);
    if (this.#scheduler.length === 0) this.#stalled.check(this.#workers.all);
    if (this.#state === 'CLOSE') this.#retireIdleWorkers();
    this.#checkAllExited();
  }

  #breakPool(error: InitializerError | WorkerStartError): void {
    if (this.#state === 'BROKEN' || this.#state === 'TERMINATE') return;
    this.#broken = error;
    this.#state = 'BROKEN';
    this.#failEverything(error);
    this.#workers.terminate(this.#terminateGraceMs);
  }

  /** Rejects every job that still waits for a chunk, queued or running. */
  #failEverything(error: Error): void {
    this.#aborts.forgetAll();
    this.#scheduler.clear();
    this.#workers.dropInflight();
    this.#router.abortAll(error);
    this.#feeding.clear();
  }

  #retireIdleWorkers(): void {
    if (this.#scheduler.length > 0 || this.#feeding.size > 0) return;
    this.#workers.retireIdle();
  }

  #checkAllExited(): void {
    if (this.#state !== 'RUN' && this.#workers.all.size === 0) this.#markAllExited();
  }
}
