/**
 * The parent's side of one pool worker: the tasks it holds in the order it runs them, and an outbox that
 * coalesces everything assigned in one tick into one batch. The worker itself is behind a WorkerLink: this file
 * keeps the books, the backend moves the bytes.
 */
import type { Batch, WorkerBackend, WorkerLink } from '../backend/backend.js';
import { forkBackend } from '../backend/child-process/fork-backend.js';
import type { InitMessage } from '../backend/protocol.js';
import type { TaskRef } from '../task-registry.js';
import { startTimer, type LongTimer } from '../timeouts.js';
import { unsendableChunks, type ChunkFailure } from './argument-check.js';
import type { TaskTimeoutError } from '../errors.js';
import type { RemoteProcess } from '../remote-error.js';
import { TaskClock } from './task-clock.js';
import type { Task } from './task.js';
import { STALLED_MS } from './window.js';

export interface WorkerEvents {
  /** Anything the worker sent: the pool checks it is a FromWorker before acting on it. */
  message(worker: WorkerHandle, message: unknown): void;
  /**
   * These chunks could not be sent (an argument that cannot be written, or that the worker could not read back);
   * the worker has taken them back out of `inflight`. `cause` is what sending their batch raised.
   */
  unsendable(worker: WorkerHandle, failures: readonly ChunkFailure[], cause: unknown): void;
  /** The process is gone and its channel drained: every result it sent has been delivered. */
  closed(worker: WorkerHandle, code: number | null, signal: NodeJS.Signals | null): void;
  /** The task this worker runs has run `elapsedMs`, past its call's timeoutMs (task-clock.ts). */
  timedOut?(worker: WorkerHandle, task: Task, elapsedMs: number): void;
}

export class WorkerHandle {
  readonly name: string;
  readonly pid: number;
  /** Chunks sent and not yet answered, oldest first: the worker runs them in this order. */
  readonly inflight: Task[] = [];
  /** Chunks this worker may still be given (maxTasksPerChild), Infinity when unlimited. */
  budget: number;
  ready = false;
  retiring = false;
  /** Set when the worker broke the protocol: it is being killed, and this is what its tasks reject with. */
  fault: Error | undefined;
  /** How long the last answered chunk took, from when the worker could start it to its result. */
  lastChunkMs = 0;
  /** Chunks answered (pool.stats()). */
  tasksDone = 0;
  /** When the worker was started, in ms since the epoch (pool.stats()). */
  readonly startedAt = Date.now();
  /** The worker's RSS in MiB as it last reported it (pool.stats()); undefined until it does. */
  rssMb: number | undefined;
  /** Why the pool stopped this worker, when it did so to stop a task (the recycle reason pool.stats() counts). */
  stoppedFor: 'cancel' | 'timeout' | undefined;
  #busySince = 0;
  readonly #link: WorkerLink;
  /**
   * Chunks the worker may never have received: sent while it was idle and not yet acknowledged, or whose batch
   * could not be written. If it dies with one of these first in line, it died idle and that chunk did not run.
   */
  readonly #unconfirmed = new WeakSet<Task>();
  readonly #known = new Set<number>();
  #defines: Batch['defines'][number][] = [];
  #chunks: Task[] = [];
  #flushQueued = false;
  /** The task whose call was aborted while this worker ran it, and the timer that stops the worker past its grace. */
  #graceFor: Task | undefined;
  #graceTimer: LongTimer | undefined;
  /** terminate()'s grace after SIGTERM, for a worker stopped because it kept running an aborted task. */
  #stopGraceMs: number | undefined;
  #through: number | undefined;
  /** Chunks this worker was asked to give back (releaseQueued), by seq: asked once each, forgotten once answered. */
  readonly #releaseAsked = new Map<number, Task>();
  /** The running task's timeoutMs (task-clock.ts): a timer only while that task has one. */
  readonly clock = new TaskClock((task, elapsedMs) => {
    if (this.inflight[0] === task && !this.#link.exited && this.#link.timesTasks !== true) this.events.timedOut?.(this, task, elapsedMs);
  });

  /** Starts the worker through `backend` (throws WorkerStartError when it cannot). */
  constructor(init: InitMessage, private readonly events: WorkerEvents, backend: WorkerBackend = forkBackend()) {
    this.name = init.name;
    this.budget = init.maxTasks ?? Infinity;
    this.#link = backend.start(init);
    this.pid = this.#link.pid;
    this.#link.on('message', (message) => events.message(this, message));
    this.#link.on('exit', (code, signal) => events.closed(this, code, signal));
  }

  /** `now` is performance.now(), read once per dispatch round. */
  canTake(window: number, now: number): boolean {
    if (this.retiring || this.budget <= 0) return false;
    return this.inflight.length === 0 || (this.inflight.length < window && now - this.#busySince < STALLED_MS);
  }

  /** Queues `chunk` for this worker; `task` is sent along the first time the worker needs that function. */
  assign(chunk: Task, task: TaskRef): void {
    if (!this.#known.has(chunk.fn)) {
      this.#known.add(chunk.fn);
      this.#defines.push({ id: chunk.fn, task });
      this.clock.loading(chunk.fn);
    }
    this.#chunks.push(chunk);
    if (this.inflight.length === 0) {
      this.#busySince = performance.now();
      this.#unconfirmed.add(chunk);
      if (this.ready) this.clock.starts(chunk);
    }
    this.inflight.push(chunk);
    this.budget--;
    this.#setHoldsParent(true);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => this.#flush());
    }
  }

  /**
   * Takes the oldest chunk off `inflight`: the worker answers its chunks in the order it got them. The caller
   * has checked that the answer is for that chunk (checkAnswers) or that the worker holds that many.
   */
  answerNext(): Task {
    // Its result read after its deadline: the timeout's, as if its timer had run first (task-clock.ts).
    this.clock.expireIfOverdue(this.inflight[0]);
    const chunk = this.inflight.shift()!;
    // It ran after all (it had started when the worker read the release): no longer one to give back.
    if (this.#releaseAsked.size > 0) this.#releaseAsked.delete(chunk.seq);
    this.tasksDone++;
    if (chunk === this.#graceFor) this.#endGrace();
    // The worker may start a task of an aborted call before it reads the cancel message: the same grace applies.
    const next = this.inflight[0];
    if (next !== undefined && next.cancel?.aborted === true) this.#armGrace(next, next.cancel.graceMs);
    this.clock.starts(next);
    const now = performance.now();
    this.lastChunkMs = now - this.#busySince;
    this.#busySince = now;
    // A worker that spent its maxTasksPerChild budget is about to exit and be replaced: until then it is the
    // only thing that keeps a waiting caller's process alive.
    this.#letParentGoIfIdle();
    return chunk;
  }

  /**
   * The call of job `job` was aborted. Its tasks still in the outbox are taken back (the worker never sees them);
   * the worker is told of those it holds: it skips the ones not started and signals the running one, which has
   * the call's `graceMs` (undefined: for ever) to return before the worker is stopped (SIGTERM, SIGKILL
   * `stopGraceMs` later) and, through its exit, replaced.
   */
  cancelJob(job: number, graceMs: number | undefined, stopGraceMs: number | undefined): void {
    if (this.#chunks.length > 0) this.#takeBackUnsent(job);
    const seqs: number[] = [];
    for (const chunk of this.inflight) if (chunk.job === job) seqs.push(chunk.seq);
    if (seqs.length === 0) return;
    this.#stopGraceMs = stopGraceMs;
    this.#link.cancel(seqs);
    const running = this.inflight[0]!;
    if (running.job === job) this.#armGrace(running, graceMs);
  }

  #takeBackUnsent(job: number): void {
    const unsent = new Set(this.#chunks.filter((chunk) => chunk.job === job));
    if (unsent.size === 0) return;
    const wasFirst = this.inflight[0];
    this.#chunks = this.#chunks.filter((chunk) => !unsent.has(chunk));
    for (let i = this.inflight.length - 1; i >= 0; i--) {
      if (unsent.has(this.inflight[i]!)) {
        this.inflight.splice(i, 1);
        this.budget++;
      }
    }
    // The worker was idle: the task now first in line is the first it gets, and may never arrive.
    const first = this.inflight[0];
    if (first !== undefined && first !== wasFirst && unsent.has(wasFirst!)) {
      this.#unconfirmed.add(first);
      this.#busySince = performance.now();
    }
    if (this.ready) this.clock.starts(first);
    this.#letParentGoIfIdle();
  }

  #armGrace(task: Task, graceMs: number | undefined, reason: 'cancel' | 'timeout' = 'cancel'): void {
    if (graceMs === undefined || this.#graceFor === task) return;
    this.#graceTimer?.clear();
    this.#graceFor = task;
    // Unreferenced: a worker with work holds the parent already; a gone worker must not be waited for.
    this.#graceTimer = startTimer(graceMs, () => {
      if (this.inflight[0] !== task) return;
      this.stoppedFor ??= reason;
      this.terminate(this.#stopGraceMs);
    }).unref();
  }

  /**
   * The running `task` ran past its timeoutMs and failed with `error`: its signal fires in the worker (reason:
   * `error`), and the worker is stopped and replaced unless the task returns within its call's grace period.
   */
  timeOut(task: Task, error: TaskTimeoutError): void {
    this.clock.markExpired(task);
    this.#stopGraceMs = task.timeout!.stopGraceMs;
    this.#link.cancel([task.seq], error);
    this.#armGrace(task, task.timeout!.graceMs, 'timeout');
  }

  #endGrace(): void {
    this.#graceTimer?.clear();
    this.#graceFor = undefined;
    this.#graceTimer = undefined;
  }

  /**
   * Those of `chunks` this worker holds and has not started (their queueTimeoutMs passed): the worker is told to
   * skip them, and what it answers for them is dropped. Returns them.
   */
  expireQueued(chunks: ReadonlySet<Task>): Task[] {
    const expired: Task[] = [];
    for (let i = this.ready ? 1 : 0; i < this.inflight.length; i++) {
      const chunk = this.inflight[i]!;
      if (!chunks.has(chunk)) continue;
      this.clock.markExpired(chunk);
      expired.push(chunk);
    }
    if (expired.length > 0) this.#link.cancel(expired.map((chunk) => chunk.seq));
    return expired;
  }

  /**
   * Asks the worker to give back the chunks it holds behind the one running, which has run long (the pool saw
   * another worker idle). Not those the worker may be running unreported (`through`), nor those of an aborted call
   * or past their queue deadline (the worker skips them anyway). Returns whether it asked for any.
   */
  releaseQueued(): boolean {
    if (!this.ready || this.retiring || this.#through !== undefined || this.#chunks.length > 0 || this.#link.release === undefined) return false;
    const seqs: number[] = [];
    for (let i = 1; i < this.inflight.length; i++) {
      const chunk = this.inflight[i]!;
      if (this.#releaseAsked.has(chunk.seq) || chunk.cancel?.aborted === true || this.clock.expired(chunk)) continue;
      this.#releaseAsked.set(chunk.seq, chunk);
      seqs.push(chunk.seq);
    }
    if (seqs.length > 0) this.#link.release(seqs);
    return seqs.length > 0;
  }

  /**
   * The worker gave back the chunks `seqs` (a `released` message): they leave `inflight` and are returned, in
   * line order, for the pool to hand out again. What is wrong with the message instead, when it names a chunk
   * the worker does not hold or was not asked for.
   */
  takeReleased(seqs: readonly number[]): Task[] | string {
    if (seqs.some((seq) => !this.#releaseAsked.has(seq))) {
      return `a "released" message for chunks ${seqs.join(', ')}, not all of which it was asked to give back`;
    }
    const named = new Set(seqs);
    for (const seq of seqs) this.#releaseAsked.delete(seq);
    // One the pool no longer counts as this worker's (it ran, or went back in line when the worker said it would
    // run nothing more) is not taken twice.
    const taken = this.inflight.filter((chunk) => named.has(chunk.seq));
    if (taken.length === 0) return taken;
    const first = this.inflight[0];
    for (let i = this.inflight.length - 1; i >= 0; i--) if (named.has(this.inflight[i]!.seq)) this.inflight.splice(i, 1);
    this.budget += taken.length;
    // The worker ran nothing between: the chunk now first in line starts now, as far as the parent can tell.
    if (this.inflight[0] !== first) {
      this.#busySince = performance.now();
      if (this.ready) this.clock.starts(this.inflight[0]);
    }
    this.#letParentGoIfIdle();
    return taken;
  }

  /** The worker has the chunk `seq` in hand (it said so on receiving it while idle). */
  acknowledge(seq: number): void {
    const chunk = this.inflight.find((c) => c.seq === seq);
    if (chunk !== undefined) this.#unconfirmed.delete(chunk);
  }

  /** The worker's last report said it may run every chunk up to `through` before the next one. */
  reported(through: number | undefined): void {
    this.#through = through;
  }

  /**
   * Empties `inflight` once the worker is gone: the oldest chunk is the one it died running, unless it never
   * reached the worker. The others never started, except those the worker said it might run without reporting
   * (quick chunks whose results it held back): they may have run, so they are lost with it rather than run twice.
   */
  takeLost(): { running: Task[]; notStarted: Task[] } {
    this.clock.stop();
    const lost = this.inflight.splice(0);
    const first = lost[0];
    if (first === undefined || this.#unconfirmed.has(first)) return { running: [], notStarted: lost };
    const through = this.#through === undefined ? 0 : lost.findIndex((chunk) => chunk.seq === this.#through);
    const ran = Math.max(1, through + 1);
    return { running: lost.slice(0, ran), notStarted: lost.slice(ran) };
  }

  /** The remote process that ran this worker's last chunk, for a cluster slot (backend.ts); undefined otherwise. */
  remote(): RemoteProcess | undefined {
    return this.#link.remote?.();
  }

  /** What the worker last wrote to its stderr (a few KiB; '' when its backend cannot see it). */
  stderrTail(): string {
    return this.#link.stderrTail?.() ?? '';
  }

  /** When the worker could start the chunk first in line (performance.now()): how long `inflight[0]` has run. */
  get busySince(): number {
    return this.#busySince;
  }

  /**
   * Takes back every chunk the worker holds, on its word that it will run none of them (it passed its memory
   * limit): those still in the outbox are never sent, and the worker is done taking work.
   */
  takeUnstarted(): Task[] {
    this.retiring = true;
    this.#chunks = [];
    this.#endGrace();
    // The task first in line goes to another worker: its clock goes with it, not on here.
    this.clock.stop();
    return this.inflight.splice(0);
  }

  /** Kills a worker that broke the protocol; `fault` is what the tasks it held reject with. It is replaced. */
  kill(fault: Error): void {
    this.fault ??= fault;
    this.#link.kill();
  }

  /** Lets the worker finish: it exits when its channel closes. */
  retire(): void {
    this.retiring = true;
    // Whoever closes a pool usually joins it next: keep the parent alive until this worker is gone.
    this.#setHoldsParent(true);
    // Not before it is ready: a channel closed right after the init message can lose it, and Python runs the
    // initializer in every worker it starts, even one retired at once.
    if (this.ready) this.#link.retire();
  }

  /** The worker has run its initializer; a retirement asked for earlier happens now. */
  markReady(): void {
    this.ready = true;
    // The chunk first in line could not start before: its time (the window's measure) counts from now.
    if (this.inflight.length > 0) this.#busySince = performance.now();
    this.clock.starts(this.inflight[0]);
    if (this.retiring) this.#link.retire();
  }

  /**
   * The worker has loaded task function `fn` (or failed to): a chunk of it first in line starts its clock now,
   * and its time, which sizes the window, counts from now, not from the import.
   */
  loaded(fn: number): void {
    this.clock.loaded(fn);
    if (this.inflight[0]?.fn === fn) this.#busySince = performance.now();
  }

  /** SIGTERM now, SIGKILL `graceMs` later if the worker is still there (never when undefined). */
  terminate(graceMs: number | undefined): void {
    this.retiring = true;
    this.#setHoldsParent(true);
    this.#link.terminate(graceMs);
  }

  #flush(): void {
    this.#flushQueued = false;
    if (this.#chunks.length === 0) return;
    const defines = this.#defines;
    const chunks = this.#chunks;
    this.#defines = [];
    this.#chunks = [];
    try {
      this.#send(defines, chunks);
    } catch (cause) {
      this.#recoverUnsendable(defines, chunks, cause);
    }
  }

  /**
   * Sends a batch, or throws, before anything is written, when an argument cannot be written or could not be
   * read back by the worker (argument-check.ts). Tasks the link says never reached the worker are re-run
   * elsewhere if it dies, not reported as the task that crashed it.
   */
  #send(defines: Batch['defines'], chunks: readonly Task[]): void {
    this.#link.send({ defines, tasks: chunks }, () => {
      for (const chunk of chunks) this.#unconfirmed.add(chunk);
    });
  }

  /**
   * The batch could not be sent: nothing of it was written. The chunks that cannot cross fail; the others go
   * again, once. Should they fail again (an argument whose getters answer differently each time), they fail too:
   * this runs in a microtask, where a throw would be an uncaught exception in the parent.
   */
  #recoverUnsendable(defines: Batch['defines'], chunks: readonly Task[], cause: unknown): void {
    const failures = unsendableChunks(chunks, cause);
    const bad = new Set(failures.map((failure) => failure.chunk));
    const good = chunks.filter((chunk) => !bad.has(chunk));
    let again: unknown;
    try {
      if (good.length > 0 || defines.length > 0) this.#send(defines, good);
    } catch (thrown) {
      again = thrown;
      for (const chunk of good) bad.add(chunk);
      // Not sent after all: the next chunk that needs one of these functions defines it again.
      for (const { id } of defines) this.#known.delete(id);
    }
    // Sent to an idle worker, the first chunk left in line is the first it gets: it too may never arrive.
    const idle = this.inflight[0] !== undefined && this.#unconfirmed.has(this.inflight[0]);
    for (let i = this.inflight.length - 1; i >= 0; i--) {
      if (bad.has(this.inflight[i]!)) {
        this.inflight.splice(i, 1);
        this.budget++;
      }
    }
    if (idle && this.inflight[0] !== undefined) this.#unconfirmed.add(this.inflight[0]);
    if (this.ready) this.clock.starts(this.inflight[0]);
    this.#letParentGoIfIdle();
    // Last: the pool may hand this worker more chunks from here, and they must follow what was sent above.
    this.events.unsendable(this, failures, cause);
    if (again !== undefined) this.events.unsendable(this, unsendableChunks(good, again), again);
  }

  /** Idle, staying and with budget left, the worker no longer holds the parent (see #setHoldsParent). */
  #letParentGoIfIdle(): void {
    if (this.inflight.length === 0 && !this.retiring && this.budget > 0) this.#setHoldsParent(false);
  }

  /**
   * A worker with work keeps the parent alive; an idle one does not, so a script that forgets `close()` still
   * ends (its workers are then terminated at exit, as Python's pool finalizer does).
   */
  #setHoldsParent(holds: boolean): void {
    this.#link.holdParent(holds);
  }
}
