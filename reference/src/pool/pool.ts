/**
 * A fixed set of long-lived worker processes that run registered task functions.
 * @python multiprocessing.pool.Pool
 */
import { refuseInDaemon, refuseWhileImportingTask } from '../bootstrapping.js';
import { checkEnv, type ChildEnv } from '../child-env.js';
import {
  type InitializerError,
  PoolStateError,
  PoolTerminatedError,
  WorkerCrashedError,
  type WorkerStartError,
} from '../errors.js';
import { toExitCode } from '../exit-code.js';
import { cpuCount, takeChildIdentity } from '../identity.js';
import { packQueues } from '../queue/transfer.js';
import type { QueueDescriptor } from '../queue/wire.js';
import { assertSerializable } from '../serialization.js';
import { resolveTask, type TaskFunction, type TaskRef } from '../task-registry.js';
import type { AsyncResult, ResultCallbacks } from './async-result.js';
import { checkCallbackErrorHandler, type CallbackContext, type CallbackErrorHandler } from './callback-errors.js';
import { ChunkQueue } from './chunk-queue.js';
import { checkArgLists, checkArgs, checkCallbacks, checkIterable } from './call-arguments.js';
import { checkChunksize, defaultChunksize } from './chunking.js';
import { IMapIterator } from './imap.js';
import { ApplyJob, MapJob, type JobSink } from './jobs.js';
import type { ChunkFailure } from './argument-check.js';
import { readResults } from './bytes.js';
import { argumentError, initializerError, protocolError, startError, taskError, unreadableResultError } from './channel-errors.js';
import { checkAnswers, checkFromWorker } from './check-message.js';
import type { Chunk, ChunkResult, ResultsMessage } from './messages.js';
import { packNumbers, type Values } from './packed.js';
import { checkInitargs, checkMaxTasks, checkProcesses, checkTerminateGrace, poolArguments } from './pool-options.js';
import { WindowSizer } from './window.js';
import { WorkerHandle } from './worker-handle.js';

/** @python multiprocessing.Pool(processes=, initializer=, initargs=, maxtasksperchild=) */
export interface PoolOptions<I extends TaskFunction = TaskFunction> {
  /** Number of workers; defaults to cpuCount() (also when null, Python's None). */
  readonly processes?: number | null;
  /** A registered task run once in each worker before its first task. */
  readonly initializer?: I;
  readonly initargs?: Parameters<I>;
  /** Replace a worker after it has run this many tasks (chunks); unlimited by default. */
  readonly maxTasksPerChild?: number | null;
  /**
   * Receives a CallbackError each time a `callback` or `errorCallback` throws; without it, the error is printed to
   * stderr. Either way the result is unchanged and the pool goes on (Python's pool hangs).
   */
  readonly onCallbackError?: CallbackErrorHandler;
  /**
   * How long terminate() lets a worker stop on SIGTERM before it sends SIGKILL, in ms; 1000 by default.
   * Infinity never escalates (Python's behaviour: a worker that ignores SIGTERM then keeps join() waiting).
   */
  readonly terminateGraceMs?: number;
  /** Every worker's whole environment (see ProcessOptions.env); by default the parent's `process.env`. */
  readonly env?: ChildEnv;
}

type State = 'RUN' | 'CLOSE' | 'TERMINATE' | 'BROKEN';

/**
 * Workers in a row that may exit before they are ready before the pool stops. A worker killed from outside
 * while starting is replaced; one that cannot start at all (or an initializer that ends its process) would
 * otherwise be restarted forever, as Python's pool does.
 */
const MAX_START_FAILURES = 3;
type Result<F extends TaskFunction> = Awaited<ReturnType<F>>;
type Items<T> = Iterable<T> | AsyncIterable<T>;

/** @python multiprocessing.pool.Pool */
export class Pool {
  readonly processes: number;
  #state: State = 'RUN';
  #broken: InitializerError | WorkerStartError | undefined;
  readonly #workers = new Set<WorkerHandle>();
  readonly #pending = new ChunkQueue<Chunk>();
  readonly #jobs = new Map<number, JobSink>();
  /** imap jobs still reading their input: a closed pool keeps its workers until they are done. */
  readonly #feeding = new Map<number, IMapIterator<unknown>>();
  readonly #functionIds = new Map<string, number>();
  readonly #idsByFunction = new Map<TaskFunction, number>();
  readonly #functions: TaskRef[] = [];
  readonly #initializer: TaskRef | null;
  readonly #initargs: readonly unknown[];
  readonly #initQueues: readonly QueueDescriptor[];
  readonly #maxTasks: number | null;
  /** Where each method's callbacks report a throw (made once: results are made by the thousand). */
  readonly #callbackContexts: Readonly<Record<'applyAsync' | 'mapAsync' | 'starmapAsync', CallbackContext>>;
  /** SIGKILL this long after SIGTERM; undefined: never. */
  readonly #terminateGraceMs: number | undefined;
  readonly #env: Readonly<Record<string, string>> | undefined;
  readonly #window = new WindowSizer();
  /** Chunks already re-run once because their worker died before acknowledging them. */
  readonly #lostUnacknowledged = new WeakSet<Chunk>();
  /** Workers that exited before they were ready since one last was. */
  #startFailures = 0;
  #nextJob = 0;
  #nextSeq = 0;
  #allExited: Promise<void>;
  #markAllExited!: () => void;

  /** @python Pool(processes=None, …) with its options by name; `new Pool(4)` is Python's positional `Pool(4)`. */
  constructor(options?: PoolOptions);
  constructor(processes: number | null | undefined);
  constructor(first?: PoolOptions | number | null, ...rest: unknown[]) {
    refuseWhileImportingTask('new Pool()');
    refuseInDaemon('new Pool()');
    const { options, processes: processesName } = poolArguments(first, rest);
    const processes = checkProcesses(options.processes, processesName, cpuCount);
    const maxTasks = checkMaxTasks(options.maxTasksPerChild);
    this.#terminateGraceMs = checkTerminateGrace(options.terminateGraceMs);
    const onError = checkCallbackErrorHandler(options.onCallbackError);
    this.#callbackContexts = {
      applyAsync: { method: 'applyAsync', onError },
      mapAsync: { method: 'mapAsync', onError },
      starmapAsync: { method: 'starmapAsync', onError },
    };
    this.#initializer = options.initializer === undefined ? null : resolveTask(options.initializer, 'Pool initializer');
    const initargs = checkInitargs(options.initargs);
    this.#env = checkEnv(options.env, "the workers'");
    // Last of the checks: a Queue in the initargs starts its socket server here.
    ({ value: this.#initargs, queues: this.#initQueues } = packQueues(initargs));
    assertSerializable(this.#initargs, (i) => `Pool initargs[${i}]`);
    this.processes = processes;
    this.#maxTasks = maxTasks;
    this.#allExited = new Promise((resolve) => (this.#markAllExited = resolve));
    try {
      for (let i = 0; i < processes; i++) this.#spawn();
    } catch (error) {
      // As Python's Pool() does: the workers already started are stopped, and the error raised.
      this.#state = 'TERMINATE';
      for (const worker of this.#workers) worker.terminate(this.#terminateGraceMs);
      throw error;
    }
  }

  /** Calls `fn(...args)` in a worker and waits for the result. @python Pool.apply() */
  async apply<F extends TaskFunction>(fn: F, args: Parameters<F>): Promise<Result<F>> {
    // async, so a refused submission rejects like map() instead of throwing past a .catch().
    return this.applyAsync(fn, args).get();
  }

  /** @python Pool.apply_async(func, args, callback=, error_callback=) */
  applyAsync<F extends TaskFunction>(fn: F, args: Parameters<F>, callbacks?: ResultCallbacks<Result<F>>): AsyncResult<Result<F>> {
    const fnId = this.#functionId(fn);
    this.#checkRunning();
    const argList = checkArgs(args, 'applyAsync');
    const job = new ApplyJob<Result<F>>(checkCallbacks(callbacks, 'applyAsync'), this.#callbackContexts.applyAsync);
    // Made before the job is registered: a Queue that cannot cross refuses the call and leaves nothing behind.
    const chunk = this.#makeChunk(this.#nextJob, 0, fnId, [argList], true);
    this.#register(job);
    this.#pending.push(chunk);
    this.#dispatch();
    return job;
  }

  /** Results in input order, whatever order the workers finish in. @python Pool.map() */
  async map<F extends (item: any) => unknown>(fn: F, iterable: Items<Parameters<F>[0]>, chunksize?: number): Promise<Result<F>[]> {
    return (await this.#mapAsync(fn, iterable, chunksize, false, 'map')).get();
  }

  /** @python Pool.starmap() */
  async starmap<F extends TaskFunction>(fn: F, iterable: Items<Parameters<F>>, chunksize?: number): Promise<Result<F>[]> {
    return (await this.#mapAsync(fn, iterable, chunksize, true, 'starmap')).get();
  }

  /** @python Pool.map_async() — takes an array (or any sync iterable), like Python, which lists it first. */
  mapAsync<F extends (item: any) => unknown>(fn: F, iterable: Iterable<Parameters<F>[0]>, chunksize?: number,
    callbacks?: ResultCallbacks<Result<F>[]>): AsyncResult<Result<F>[]> {
    const fnId = this.#checkMap(fn, iterable, chunksize, 'mapAsync', false);
    // An array needs no copy: #submitMap cuts it into chunks before anything else runs.
    const items = Array.isArray(iterable) ? iterable : [...iterable];
    return this.#submitMap(fnId, items, chunksize, false, checkCallbacks(callbacks, 'mapAsync'), 'mapAsync');
  }

  /** @python Pool.starmap_async() */
  starmapAsync<F extends TaskFunction>(fn: F, iterable: Iterable<Parameters<F>>, chunksize?: number,
    callbacks?: ResultCallbacks<Result<F>[]>): AsyncResult<Result<F>[]> {
    const fnId = this.#checkMap(fn, iterable, chunksize, 'starmapAsync', false);
    return this.#submitMap(fnId, [...iterable], chunksize, true, checkCallbacks(callbacks, 'starmapAsync'), 'starmapAsync');
  }

  /**
   * Results in input order as they become available. Reads the input lazily, with a bounded look-ahead, so an
   * endless or huge (async) iterable runs in bounded memory (Python lists the whole input first).
   * @python Pool.imap(func, iterable, chunksize=1)
   */
  imap<F extends (item: any) => unknown>(fn: F, iterable: Items<Parameters<F>[0]>, chunksize = 1): AsyncIterableIterator<Result<F>> {
    return this.#imap(fn, iterable, chunksize, true);
  }

  /** Each result once, as soon as it is ready. @python Pool.imap_unordered() */
  imapUnordered<F extends (item: any) => unknown>(fn: F, iterable: Items<Parameters<F>[0]>, chunksize = 1): AsyncIterableIterator<Result<F>> {
    return this.#imap(fn, iterable, chunksize, false);
  }

  /** No more work is accepted; workers exit once the submitted work is done. @python Pool.close() */
  close(): void {
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
    if (this.#state === 'TERMINATE') return;
    this.#state = 'TERMINATE';
    this.#failEverything(new PoolTerminatedError('the pool was terminated before this task finished'));
    for (const worker of this.#workers) worker.terminate(this.#terminateGraceMs);
    this.#checkAllExited();
  }

  /** Waits for every worker to exit; call close() or terminate() first. @python Pool.join() */
  async join(): Promise<void> {
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

  /** @internal Jobs submitted and not yet ended (their results still routed to them): for tests of leaks. */
  get jobsInFlight(): number {
    return this.#jobs.size;
  }

  toString(): string {
    return `<Pool state=${this.#state} pool_size=${this.processes}>`;
  }

  // ——— submission ———

  #functionId(fn: TaskFunction): number {
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

  #checkRunning(): void {
    if (this.#state === 'BROKEN') throw this.#broken!;
    if (this.#state !== 'RUN') throw new PoolStateError('Pool not running: it was closed or terminated; create a new Pool');
  }

  /** Registers `job` under the next id: the one its chunks were made with, when they were made first. */
  #register(job: JobSink): number {
    const id = this.#nextJob++;
    this.#jobs.set(id, job);
    return id;
  }

  /**
   * A chunk ready to cross: each Queue in its items replaced by its descriptor, listed in `queues` (left
   * undefined when there is none, which spares the worker a search). Throws QueueClosedError or QueueSocketError
   * for a Queue that cannot cross: call it for every chunk of a job before the job is registered or queued.
   */
  #makeChunk(job: number, start: number, fn: number, items: Values, star: boolean): Chunk {
    if (items instanceof Float64Array) return { seq: this.#nextSeq++, job, start, fn, items, star, queues: undefined };
    const { value, queues } = packQueues(items);
    return { seq: this.#nextSeq++, job, start, fn, items: value, star, queues: queues.length === 0 ? undefined : queues };
  }

  /**
   * What every map checks before it reads its input, in Python's order (the pool, then the input, then the
   * chunksize): the input may be endless. Returns the function's id.
   */
  #checkMap(fn: TaskFunction, iterable: unknown, chunksize: number | null | undefined, method: string, mayBeAsync: boolean): number {
    const fnId = this.#functionId(fn);
    this.#checkRunning();
    checkIterable(iterable, method, mayBeAsync);
    if (chunksize !== undefined && chunksize !== null) checkChunksize(chunksize);
    return fnId;
  }

  /** map/starmap: the input may be async, so it is read first; `method` names the call in errors. */
  async #mapAsync(fn: TaskFunction, iterable: Items<unknown>, chunksize: number | null | undefined, star: boolean,
    method: string): Promise<AsyncResult<any[]>> {
    const fnId = this.#checkMap(fn, iterable, chunksize, method, true);
    // An array needs no copy: #submitMap cuts it into chunks before anything else runs.
    if (Array.isArray(iterable)) return this.#submitMap(fnId, iterable, chunksize, star, undefined, method);
    const items: unknown[] = [];
    if (Symbol.asyncIterator in Object(iterable)) for await (const item of iterable as AsyncIterable<unknown>) items.push(item);
    else items.push(...(iterable as Iterable<unknown>));
    // Reading ran the caller's code, and took time: the pool may have been closed or terminated meanwhile.
    this.#checkRunning();
    return this.#submitMap(fnId, items, chunksize, star, undefined, method);
  }

  /** Cuts a checked map's input into chunks and queues them; `chunksize` was checked (null: the default). */
  #submitMap(fnId: number, items: readonly unknown[], chunksize: number | null | undefined, star: boolean,
    callbacks: ResultCallbacks<any[]> | undefined, method: string): AsyncResult<any[]> {
    if (star) checkArgLists(items, method);
    const size = chunksize ?? defaultChunksize(items.length, this.processes);
    const job = new MapJob<unknown>(items.length, callbacks, this.#callbackContexts[star ? 'starmapAsync' : 'mapAsync']);
    if (items.length === 0) return job;
    // Every chunk made before any is queued: a Queue that cannot cross in a later item refuses the whole call,
    // and none of the items before it runs.
    const chunks: Chunk[] = [];
    for (let start = 0; start < items.length; start += size) {
      const end = Math.min(start + size, items.length);
      const values = (star ? undefined : packNumbers(items, start, end)) ?? items.slice(start, end);
      chunks.push(this.#makeChunk(this.#nextJob, start, fnId, values, star));
    }
    this.#register(job);
    for (const chunk of chunks) this.#pending.push(chunk);
    this.#dispatch();
    return job;
  }

  #imap(fn: TaskFunction, iterable: Items<unknown>, chunksize: number, ordered: boolean): AsyncIterableIterator<any> {
    const fnId = this.#functionId(fn);
    this.#checkRunning();
    checkIterable(iterable, ordered ? 'imap' : 'imapUnordered', true);
    checkChunksize(chunksize);
    return new IMapIterator(iterable, chunksize, ordered, this.processes * 4, {
      open: (iterator) => {
        const job = this.#register(iterator);
        this.#feeding.set(job, iterator);
        return job;
      },
      submit: (job, start, items) => {
        // An imap started before close() is work already submitted: it may go on reading its input.
        if (this.#state !== 'CLOSE') this.#checkRunning();
        this.#pending.push(this.#makeChunk(job, start, fnId, packNumbers(items) ?? items, false));
        this.#dispatch();
      },
      doneFeeding: (job) => {
        this.#feeding.delete(job);
        if (this.#state === 'CLOSE') this.#retireIdleWorkers();
      },
      drop: (job) => this.#jobs.delete(job),
    });
  }

  // ——— scheduling ———

  /**
   * Hands pending chunks to workers, oldest chunk first, each to the worker holding the fewest, up to each
   * worker's window. Fewest first, not a fixed order: chunks submitted one call at a time (applyAsync in a loop,
   * imap) would otherwise queue up behind a slow one on the first worker while another sits idle.
   */
  #dispatch(): void {
    if (this.#pending.length === 0) return;
    const window = this.#window.size;
    const now = performance.now();
    while (this.#pending.length > 0) {
      let target: WorkerHandle | undefined;
      for (const worker of this.#workers) {
        if (worker.canTake(window, now) && (target === undefined || worker.inflight.length < target.inflight.length)) {
          target = worker;
        }
      }
      if (target === undefined) return;
      const chunk = this.#pending.shift()!;
      target.assign(chunk, this.#functions[chunk.fn]!);
    }
  }

  /** A worker to replace one that exited; a refusal to start it stops the pool with that WorkerStartError. */
  #replace(): void {
    try {
      this.#spawn();
    } catch (error) {
      this.#breakPool(error as WorkerStartError);
    }
  }

  /** Starts a worker; throws WorkerStartError when the system refuses to create its process. */
  #spawn(): void {
    const identity = takeChildIdentity();
    const worker = new WorkerHandle(
      {
        kind: 'init',
        name: `PoolWorker-${identity.join(':')}`,
        identity,
        initializer: this.#initializer,
        initargs: this.#initargs,
        initQueues: this.#initQueues,
        maxTasks: this.#maxTasks,
      },
      {
        message: (w, message) => this.#onMessage(w, message),
        unsendable: (_w, failures, cause) => this.#onUnsendable(failures, cause),
        closed: (w, code, signal) => this.#onClosed(w, code, signal),
      },
      this.#env,
    );
    this.#workers.add(worker);
  }

  #onMessage(worker: WorkerHandle, raw: unknown): void {
    // A worker being killed for a protocol fault may still have messages in the pipe: none is trusted.
    if (worker.fault !== undefined) return;
    const message = checkFromWorker(raw);
    if (typeof message === 'string') return this.#protocolFault(worker, message);
    switch (message.kind) {
      case 'ready':
        this.#startFailures = 0;
        worker.markReady();
        return;
      case 'received':
        worker.acknowledge(message.seq);
        return;
      case 'init-error':
        // Only a worker still starting runs an initializer, and only a pool given one has it to run.
        if (worker.ready || this.#initializer === null) {
          return this.#protocolFault(worker, `an "init-error" message ${worker.ready ? 'after it was ready' : 'although the pool has no initializer'}`);
        }
        this.#breakPool(initializerError(worker, this.#initializer.key, message.error));
        return;
      case 'results':
        // Results still arriving from a pool being torn down belong to jobs already rejected.
        if (this.#state === 'TERMINATE' || this.#state === 'BROKEN') return;
        this.#onResults(worker, message);
        return;
    }
  }

  #onResults(worker: WorkerHandle, message: ResultsMessage): void {
    const read = readResults(message.results, message.count);
    if ('malformed' in read) return this.#protocolFault(worker, read.malformed);
    if ('unreadable' in read) {
      if (message.count > worker.inflight.length) return this.#protocolFault(worker, `results for ${message.count} chunks while it held ${worker.inflight.length}`);
      // The worker reads back what it sends, so this is the last line of defence: exactly these chunks fail.
      for (let i = 0; i < message.count; i++) {
        const chunk = worker.answerNext();
        this.#failChunk(chunk, unreadableResultError(worker, chunk, read.unreadable));
      }
    } else {
      const fault = checkAnswers(read.results, worker.inflight);
      if (fault !== undefined) return this.#protocolFault(worker, fault);
      for (const result of read.results) this.#onResult(worker, result);
    }
    worker.reported(message.through);
    this.#dispatch();
    if (this.#state === 'CLOSE') this.#retireIdleWorkers();
  }

  #onResult(worker: WorkerHandle, result: ChunkResult): void {
    const chunk = worker.answerNext();
    this.#window.record(worker.lastChunkMs);
    if (!result.ok) return this.#failChunk(chunk, taskError(worker, chunk, result), result.values);
    const job = this.#jobs.get(chunk.job);
    if (job === undefined) return;
    job.chunkDone(chunk.start, result.values);
    if (isFinished(job)) this.#jobs.delete(chunk.job);
  }

  /**
   * Fails `chunk` (`values`: the results of its items before the failure). A job that has ended leaves the
   * table: the results of its other chunks are dropped as they arrive, as Python drops them.
   */
  #failChunk(chunk: Chunk, error: unknown, values: readonly unknown[] = []): void {
    const job = this.#jobs.get(chunk.job);
    if (job === undefined) return;
    job.chunkFailed(chunk.start, values, error);
    if (isFinished(job)) this.#jobs.delete(chunk.job);
  }

  /** A worker sent what is not the pool's protocol: it is killed and replaced; what it held rejects with this. */
  #protocolFault(worker: WorkerHandle, what: string): void {
    worker.kill(protocolError(worker, what));
  }

  #onUnsendable(failures: readonly ChunkFailure[], cause: unknown): void {
    for (const { chunk, offset, reason } of failures) {
      this.#failChunk(chunk, argumentError(chunk, offset, reason, cause));
    }
    this.#dispatch();
    // The chunks taken back may have been a closed pool's last work: its idle workers may go now.
    if (this.#state === 'CLOSE') this.#retireIdleWorkers();
  }

  #onClosed(worker: WorkerHandle, code: number | null, signal: NodeJS.Signals | null): void {
    this.#workers.delete(worker);
    // The worker runs its chunks in order, so the oldest unanswered one is the one it died in (unless it never
    // got there); the others never started and go back to the front of the queue.
    const lost = worker.takeLost();
    if (this.#state === 'RUN' || this.#state === 'CLOSE') {
      const starting = !worker.ready && !worker.retiring;
      // A worker not yet ready ran nothing (it says so before its first task): its chunks go back in line.
      const running = starting ? [] : lost.running;
      const notStarted = starting ? [...lost.running, ...lost.notStarted] : lost.notStarted;
      const first = notStarted[0];
      if (running.length === 0 && first !== undefined) {
        // Lost unacknowledged twice is no bad luck (a batch that kills its worker on arrival): blame it rather
        // than lose workers to it forever. Only a ready worker's loss counts first: workers that cannot start
        // at all lose every chunk they are given, and that is the start's fault, not the chunk's.
        if (this.#lostUnacknowledged.has(first)) running.push(notStarted.shift()!);
        else if (!starting) this.#lostUnacknowledged.add(first);
      }
      for (const chunk of running) {
        const crash = worker.fault ?? new WorkerCrashedError({
          worker: worker.name, pid: worker.pid, exitCode: toExitCode(code, signal), signal,
          job: chunk.job, index: chunk.start, count: chunk.items.length,
        });
        this.#failChunk(chunk, crash);
      }
      this.#pending.unshift(notStarted);
      // A worker that died of a chunk it was given did not fail to start.
      const failures = starting && running.length === 0 ? ++this.#startFailures : 0;
      if (failures >= MAX_START_FAILURES) this.#breakPool(startError(worker, failures, this.#initializer?.key ?? null, code, signal));
      else if (this.#state === 'RUN' || this.#pending.length > 0) this.#replace();
    }
    this.#dispatch();
    if (this.#state === 'CLOSE') this.#retireIdleWorkers();
    this.#checkAllExited();
  }

  #breakPool(error: InitializerError | WorkerStartError): void {
    if (this.#state === 'BROKEN' || this.#state === 'TERMINATE') return;
    this.#broken = error;
    this.#state = 'BROKEN';
    this.#failEverything(this.#broken);
    for (const w of this.#workers) w.terminate(this.#terminateGraceMs);
  }

  /** Rejects every job that still waits for a chunk, queued or running. */
  #failEverything(error: Error): void {
    this.#pending.clear();
    for (const worker of this.#workers) worker.inflight.length = 0;
    for (const job of this.#jobs.values()) job.abort(error);
    this.#jobs.clear();
    this.#feeding.clear();
  }

  #retireIdleWorkers(): void {
    if (this.#pending.length > 0 || this.#feeding.size > 0) return;
    for (const worker of this.#workers) if (worker.inflight.length === 0 && !worker.retiring) worker.retire();
  }

  #checkAllExited(): void {
    if (this.#state !== 'RUN' && this.#workers.size === 0) this.#markAllExited();
  }
}

function isFinished(job: JobSink): boolean {
  return 'ready' in job && typeof job.ready === 'function' && (job as { ready(): boolean }).ready();
}
