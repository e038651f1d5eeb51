/**
 * The pool's workers: starting them, hearing what each sends, and replacing each that exits. What a worker
 * answers goes to the result router; what a dead worker held is failed (the chunk it died in) or put back in
 * line (the chunks it never started); a worker that breaks the protocol is killed and replaced.
 * @python multiprocessing.pool.Pool._handle_workers (and the reading half of _handle_results)
 */
import type { WorkerBackend } from '../backend/backend.js';
import type { InitializerError, WorkerStartError } from '../errors.js';
import { TaskTimeoutError, WorkerCrashedError } from '../errors.js';
import { toExitCode } from '../exit-code.js';
import { selfAsParent, takeChildIdentity } from '../identity.js';
import type { ChunkFailure } from './argument-check.js';
import { readResults } from './bytes.js';
import { argumentError, initializerError, protocolError, startError, taskError, unreadableResultError } from './channel-errors.js';
import { checkAnswers, checkFromWorker } from './check-message.js';
import type { InitMessage, ResultsMessage } from '../backend/protocol.js';
import type { Task } from './task.js';
import type { ResultRouter } from './result-router.js';
import { routeProgress } from './route-progress.js';
import type { Scheduler } from './scheduler.js';
import { Recycling } from './recycle.js';
import { PoolCounters } from './stats.js';
import { WorkerHandle } from './worker-handle.js';

export type PoolState = 'RUN' | 'CLOSE' | 'TERMINATE' | 'BROKEN';

/** What the workers need of their pool. */
export interface WorkerSetHost {
  state(): PoolState;
  /** Whether more work may come: the pool runs, or a closed pool's imaps still read their input. */
  mayGetWork(): boolean;
  /** The pool cannot go on: an initializer failed, or workers cannot be started. */
  breakPool(error: InitializerError | WorkerStartError): void;
  /** After every event of a worker: hand out what is pending, retire idle workers of a closed pool, and so on. */
  settle(): void;
}

/** What every worker is started with, but its name and identity. */
export type WorkerInit = Omit<InitMessage, 'kind' | 'name' | 'identity' | 'parent'>;

/**
 * Workers in a row that may exit before they are ready before the pool stops. A worker killed from outside
 * while starting is replaced; one that cannot start at all (or an initializer that ends its process) would
 * otherwise be restarted forever, as Python's pool does.
 */
const MAX_START_FAILURES = 3;

export class WorkerSet {
  readonly all = new Set<WorkerHandle>();
  /** Tasks completed and failed, workers recycled: pool.stats()'s totals. */
  readonly counters = new PoolCounters();
  readonly #recycling = new Recycling(this.counters);
  /** Chunks already re-run once because their worker died before acknowledging them. */
  readonly #lostUnacknowledged = new WeakSet<Task>();
  /** Workers that exited before they were ready since one last was. */
  #startFailures = 0;

  constructor(
    private readonly init: WorkerInit,
    private readonly backend: WorkerBackend,
    private readonly router: ResultRouter,
    private readonly scheduler: Scheduler,
    private readonly host: WorkerSetHost,
  ) {}

  /** Starts a worker; throws WorkerStartError when the system refuses to create its process. */
  spawn(): void {
    const identity = takeChildIdentity();
    const worker = new WorkerHandle(
      { kind: 'init', name: `PoolWorker-${identity.join(':')}`, identity, parent: selfAsParent(), ...this.init },
      {
        message: (w, message) => this.#onMessage(w, message),
        unsendable: (_w, failures, cause) => this.#onUnsendable(failures, cause),
        closed: (w, code, signal) => this.#onClosed(w, code, signal),
        timedOut: (w, task, elapsedMs) => this.#onTimedOut(w, task, elapsedMs),
      },
      this.backend,
    );
    this.all.add(worker);
  }

  /** Lets every idle worker finish (a closed pool with nothing left to hand out). */
  retireIdle(): void {
    for (const worker of this.all) if (worker.inflight.length === 0 && !worker.retiring) worker.retire();
  }

  terminate(graceMs: number | undefined): void {
    for (const worker of this.all) worker.terminate(graceMs);
  }

  /**
   * The call of job `job` was aborted: every worker holding its tasks is told, and one that keeps running one past
   * `graceMs` is stopped (SIGKILL `stopGraceMs` after SIGTERM) and replaced through its exit, as after a crash.
   */
  cancelJob(job: number, graceMs: number | undefined, stopGraceMs: number | undefined): void {
    for (const worker of this.all) worker.cancelJob(job, graceMs, stopGraceMs);
  }

  /** Forgets what every worker holds: its jobs were all rejected. */
  dropInflight(): void {
    for (const worker of this.all) {
      worker.inflight.length = 0;
      worker.clock.stop();
    }
  }

  /** A worker to replace one that exited; a refusal to start it stops the pool with that WorkerStartError. */
  #replace(): void {
    try {
      this.spawn();
    } catch (error) {
      this.host.breakPool(error as WorkerStartError);
    }
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
      case 'loaded':
        worker.loaded(message.fn);
        return;
      case 'init-error': {
        // Only a worker still starting runs an initializer, and only a pool given one has it to run.
        const initializer = this.init.initializer;
        if (worker.ready || initializer === null) {
          return this.#protocolFault(worker, `an "init-error" message ${worker.ready ? 'after it was ready' : 'although the pool has no initializer'}`);
        }
        this.host.breakPool(initializerError(worker, initializer.key, message.error));
        return;
      }
      case 'results': {
        // Results still arriving from a pool being torn down belong to jobs already rejected.
        const state = this.host.state();
        if (state === 'TERMINATE' || state === 'BROKEN') return;
        this.#onResults(worker, message);
        return;
      }
      case 'released': {
        const state = this.host.state();
        if (state === 'TERMINATE' || state === 'BROKEN') return;
        const taken = worker.takeReleased(message.seqs);
        if (typeof taken === 'string') return this.#protocolFault(worker, taken);
        // Back to the front of the line, but those whose call was aborted or whose queue deadline passed meanwhile.
        this.scheduler.requeue(taken.filter((task) => !isAborted(task) && !worker.clock.expired(task)));
        this.host.settle();
        return;
      }
      case 'progress': {
        const state = this.host.state();
        if (state === 'TERMINATE' || state === 'BROKEN') return;
        const fault = routeProgress(worker.inflight[0], message, this.router);
        if (fault !== undefined) this.#protocolFault(worker, fault);
        return;
      }
    }
  }

  #onResults(worker: WorkerHandle, message: ResultsMessage): void {
    const read = readResults(message.results, message.count, message.frames);
    if ('malformed' in read) return this.#protocolFault(worker, read.malformed);
    if ('unreadable' in read) {
      if (message.count > worker.inflight.length) return this.#protocolFault(worker, `results for ${message.count} chunks while it held ${worker.inflight.length}`);
      // The worker reads back what it sends, so this is the last line of defence: exactly these chunks fail.
      for (let i = 0; i < message.count; i++) {
        const chunk = worker.answerNext();
        if (worker.clock.expired(chunk)) continue;
        this.router.fail(chunk, unreadableResultError(worker, chunk, read.unreadable));
      }
      this.counters.failed += message.count;
    } else {
      const fault = checkAnswers(read.results, worker.inflight);
      if (fault !== undefined) return this.#protocolFault(worker, fault);
      for (const result of read.results) {
        const chunk = worker.answerNext();
        this.scheduler.record(chunk.fn, worker.lastChunkMs);
        // A task failed for its time already: what it still answered is dropped.
        if (worker.clock.expired(chunk)) continue;
        if (result.ok) {
          this.counters.completed++;
          this.router.done(chunk, result.values);
        } else {
          this.counters.failed++;
          this.router.fail(chunk, taskError(worker, chunk, result), result.values);
        }
      }
    }
    worker.reported(message.through);
    if (message.rssMb !== undefined) worker.rssMb = message.rssMb;
    // A cluster slot's remote process died running a chunk (remote-crash.ts): the slot itself goes on.
    if (message.crashed !== undefined) this.counters.recycled.crash += message.crashed;
    // And processes its worker command retired for memory (remote-recycles.ts): the pool's limit, kept there.
    if (message.retiredRemotely !== undefined) this.counters.recycled.memory += message.retiredRemotely;
    const retiree = this.#recycling.retireeAfter(worker, message);
    if (retiree !== undefined) this.#recycle(worker, retiree);
    this.host.settle();
  }

  /**
   * The task `worker` runs ran past its call's timeoutMs: it fails now with TaskTimeoutError (as a crashed one:
   * a map rejects, an imap raises it at its position and goes on), and the worker is told (worker-handle.ts).
   */
  #onTimedOut(worker: WorkerHandle, task: Task, elapsedMs: number): void {
    const error = new TaskTimeoutError({
      task: this.scheduler.taskName(task.fn) ?? 'anonymous', phase: 'running', elapsedMs, timeoutMs: task.timeout!.timeoutMs!, pid: worker.pid,
      index: task.start, count: task.items.length,
    });
    worker.timeOut(task, error);
    this.counters.failed++;
    this.router.fail(task, error);
    this.host.settle();
  }

  /**
   * `worker` will run nothing more: its replacement starts now, while it is still there, if there is work for it
   * (the pool runs, or work is queued). A memory retiree's chunks not started go back to the front of the line,
   * on its word that it ran none of them, and it is told to leave.
   */
  #recycle(worker: WorkerHandle, reason: 'tasks' | 'memory'): void {
    if (reason === 'memory') this.scheduler.requeue(worker.takeUnstarted().filter((task) => !isAborted(task)));
    if (this.host.mayGetWork() || this.scheduler.length > 0) {
      this.#recycling.replaced(worker);
      this.#replace();
    }
    if (reason === 'memory') worker.retire();
  }

  /** A worker sent what is not the pool's protocol: it is killed and replaced; what it held rejects with this. */
  #protocolFault(worker: WorkerHandle, what: string): void {
    worker.kill(protocolError(worker, what));
  }

  #onUnsendable(failures: readonly ChunkFailure[], cause: unknown): void {
    for (const { chunk, offset, reason } of failures) this.router.fail(chunk, argumentError(chunk, offset, reason, cause));
    // The chunks taken back may have been a closed pool's last work: its idle workers may go now.
    this.host.settle();
  }

  #onClosed(worker: WorkerHandle, code: number | null, signal: NodeJS.Signals | null): void {
    this.all.delete(worker);
    // The worker runs its chunks in order, so the oldest unanswered one is the one it died in (unless it never
    // got there); the others never started and go back to the front of the queue.
    const lost = worker.takeLost();
    const state = this.host.state();
    if (state === 'RUN' || state === 'CLOSE') {
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
      this.#recycling.exited(worker);
      this.counters.failed += running.length;
      for (const chunk of running) {
        // Failed for its time already, then stopped for it: not failed twice.
        if (worker.clock.expired(chunk)) continue;
        const crash = worker.fault ?? new WorkerCrashedError({
          worker: worker.name, pid: worker.pid, exitCode: toExitCode(code, signal), signal,
          job: chunk.job, index: chunk.start, count: chunk.items.length,
          task: this.scheduler.taskName(chunk.fn), stderrTail: worker.stderrTail(),
          // A worker SIGKILLed right after it reported an RSS past its ceiling was likely the OOM killer's.
          lastRssMb: worker.rssMb, limitMb: this.init.maxMemoryMb,
        });
        this.router.fail(chunk, crash);
      }
      // The tasks of an aborted call are not run again elsewhere.
      const gone = (task: Task): boolean => isAborted(task) || worker.clock.expired(task);
      this.scheduler.requeue(notStarted.some(gone) ? notStarted.filter((task) => !gone(task)) : notStarted);
      // A worker that died of a chunk it was given did not fail to start.
      const failures = starting && running.length === 0 ? ++this.#startFailures : 0;
      if (failures >= MAX_START_FAILURES) this.host.breakPool(startError(worker, failures, this.init.initializer?.key ?? null, code, signal));
      // A closed pool whose imap still reads its input needs a worker for what it reads next, queued or not yet.
      else if (this.#recycling.needsReplacement(worker) && (this.host.mayGetWork() || this.scheduler.length > 0)) this.#replace();
    }
    this.host.settle();
  }
}

function isAborted(task: Task): boolean {
  return task.cancel?.aborted === true;
}
