/**
 * The cluster backend: the pool's workers are capacity on BullMQ workers (`npx multiproc worker`) anywhere that
 * reaches one Redis. Each link stands for one slot of the pool's `processes`: the chunks the pool hands it become
 * one job each, in one round trip per batch, and their results come back to the pool in the order the link was
 * given them, as a local worker answers. Nothing above this file knows the workers are remote, so chunking,
 * ordering, AsyncResult and error rebuilding are the local pool's own code.
 */
import { checkReadable } from '../../pool/argument-check.js';
import { ClusterError, WorkerCrashedError } from '../../errors.js';
import { encodeError } from '../../remote-error.js';
import { reasonOf } from '../../describe-thrown.js';
import type { Task } from '../../pool/task.js';
import type { TaskRef } from '../../task-registry.js';
import type { Batch, LinkEvents, WorkerBackend, WorkerLink } from '../backend.js';
import type { InitMessage, ResultsMessage } from '../protocol.js';
import { ClusterClient, type JobOutcome } from './cluster-client.js';
import type { ClusterSettings } from './cluster-options.js';
import { chunkTimeOf, decodeResult, encodeItems, JOB_VERSION, ranIn, type ChunkJobData } from './job-codec.js';
import type { RemoteProcess } from '../../remote-error.js';
import { ChunkSizer } from './chunk-sizer.js';
import { isStallReason, retryOf, stallHint, takeRetry, type Retry } from './stalled-retry.js';
import { jobExtras } from './job-extras.js';
import { readRelayed } from './progress-relay.js';
import { encodePoolSetup } from './local-pools.js';
import { encodeWithClasses } from './class-args.js';
import { abortedInWorker } from '../../pool/current-task.js';
import { diedRunning, nameTheChunk } from './remote-crash.js';
import { retirementsIn } from './remote-recycles.js';

/** One client (one Queue, one QueueEvents) for all the links of a pool. */
export function clusterBackend(settings: ClusterSettings): WorkerBackend {
  const client = new ClusterClient(settings);
  const sizer = new ChunkSizer();
  return {
    start: (init) => new ClusterLink(init, client, settings.maxRetries, sizer),
    defaultChunksize: (fn, length, processes) => sizer.size(fn, length, processes),
  };
}

interface Held {
  readonly seq: number;
  /** Its task function (the pool's id), whose chunk times size the next maps' chunks (chunk-sizer.ts). */
  readonly fn: number;
  /** Where the chunk sits in its call, for a WorkerCrashedError. */
  readonly job: number;
  readonly index: number;
  readonly count: number;
  /** The result's wire form `[seq, body]` once its job ended. */
  wire?: unknown[];
  /** Its call is idempotent: the job data to send again should its worker die (stalled-retry.ts). */
  readonly retry?: Retry | undefined;
  /** What the client calls when the job ends: also what names the job to cancel it. */
  settle?: (outcome: JobOutcome) => void;
  /** A call given onProgress: the last report heard (its count) and the one not yet delivered (progress-relay.ts). */
  heard?: number;
  report?: { readonly offset: number; readonly value: unknown } | undefined;
  /** Its process died running it (remote-crash.ts): the pool's stats count a crash. */
  crashed?: true;
  /** Processes its worker command's local pool retired for memory, told with it (remote-recycles.ts). */
  retired?: number;
}

class ClusterLink implements WorkerLink {
  /** The tasks run in processes of other machines: there is no local pid (errors name the remote host and pid). */
  readonly pid = 0;
  readonly #client: ClusterClient;
  readonly #functions = new Map<number, TaskRef>();
  /** Chunks sent and not yet answered to the pool, in the order they were sent. */
  #held: Held[] = [];
  #onMessage: LinkEvents['message'] | undefined;
  #onExit: LinkEvents['exit'] | undefined;
  #budget: number;
  #retiring = false;
  #gone = false;
  readonly #maxRetries: number;
  #holds = false;
  /** The pool's initializer, initargs and maxTasksPerChild for the worker commands, when it has any (local-pools.ts). */
  readonly #setup: string | undefined;
  readonly #sizer: ChunkSizer;
  /** The remote process that ran this slot's last chunk that came back (pool.stats()). */
  #ranIn: RemoteProcess | undefined;

  constructor(init: InitMessage, client: ClusterClient, maxRetries: number, sizer: ChunkSizer) {
    this.#client = client;
    this.#sizer = sizer;
    this.#maxRetries = maxRetries;
    this.#budget = init.maxTasks ?? Infinity;
    this.#setup = encodePoolSetup(init);
    client.acquire();
    // After the pool has subscribed: start() returns first.
    queueMicrotask(() => this.#onMessage?.({ kind: 'ready' }));
  }

  on<E extends keyof LinkEvents>(event: E, listener: LinkEvents[E]): void {
    if (event === 'message') this.#onMessage = listener as LinkEvents['message'];
    else this.#onExit = listener as LinkEvents['exit'];
  }

  send(batch: Batch, undelivered: () => void): void {
    if (this.#gone) return undelivered();
    for (const { id, task } of batch.defines) this.#functions.set(id, task);
    checkReadable(batch.tasks, batch.tasks.map((task) => task.items));
    // Every chunk encoded before any is sent: one that cannot be written refuses the batch (backend.ts).
    const jobs = batch.tasks.map((task) => ({ task, data: this.#jobData(task) }));
    const toAdd = [];
    for (const { task, data } of jobs) {
      const held: Held = {
        seq: task.seq, fn: task.fn, job: task.job, index: task.start, count: task.items.length,
        retry: typeof data === 'string' ? undefined : retryOf(task, data, this.#maxRetries),
      };
      if (task.progress !== undefined) held.heard = 0;
      this.#held.push(held);
      if (typeof data === 'string') held.wire = failure(task.seq, new ClusterError(data));
      else {
        held.settle = (outcome: JobOutcome) => this.#answer(held, outcome);
        const progress = task.progress === undefined ? undefined : (relayed: unknown) => this.#reported(held, readRelayed(relayed));
        toAdd.push({ data, settle: held.settle, progress });
      }
    }
    if (toAdd.length > 0) this.#client.add(toAdd);
    if (toAdd.length < jobs.length) queueMicrotask(() => this.#flush());
  }

  #jobData(task: Task): ChunkJobData | string {
    const ref = this.#functions.get(task.fn);
    if (ref === undefined) return `internal: function ${task.fn} was never defined for this link`;
    if (task.queues !== undefined) return 'a multiproc Queue cannot be passed to a cluster pool\'s task: its workers are on other machines; use a Redis structure the task opens itself';
    const data: ChunkJobData = task.classes === undefined
      ? { v: JOB_VERSION, m: ref.moduleUrl, k: ref.key, s: task.star, p: encodeItems(task.items) }
      : { v: JOB_VERSION, m: ref.moduleUrl, k: ref.key, s: task.star, p: encodeWithClasses(task.items, task.classes), c: 1 };
    const extras = jobExtras(task);
    if (this.#setup !== undefined) return { ...data, ...extras, o: this.#setup };
    return extras === undefined ? data : { ...data, ...extras };
  }

  #answer(held: Held, outcome: JobOutcome): void {
    // The client settles each job once (cluster-client.ts), and a chunk is answered by its last job only.
    if (this.#gone) return;
    // A chunk answered already (cancelled, or past its queueTimeoutMs) is not sent again.
    if (held.wire === undefined && takeRetry(held.retry, outcome)) {
      // Its worker command died with it: a new job, which a live worker command takes. Cancelling the chunk now
      // names that job, and its reports count afresh (the chunk runs from its start again).
      held.settle = (next: JobOutcome) => this.#answer(held, next);
      if (held.heard !== undefined) held.heard = 0;
      const progress = held.heard === undefined ? undefined : (relayed: unknown) => this.#reported(held, readRelayed(relayed));
      this.#client.add([{ data: held.retry.data, settle: held.settle, progress }]);
      return;
    }
    // Read from the job's record: its last report may not have been heard (the events stream lags the record).
    if (held.heard !== undefined && 'progress' in outcome) this.#reported(held, readRelayed(outcome.progress), false);
    held.wire = toWire(held, outcome);
    if (diedRunning(outcome)) {
      held.crashed = true;
      // A stall's error names the chunk already (jobFailure); a local process's, its worker command's own call.
      if ('returned' in outcome) nameTheChunk(held.wire, { job: held.job, index: held.index, count: held.count, task: this.#functions.get(held.fn)?.key });
    }
    if ('returned' in outcome) {
      const retired = retirementsIn(outcome.returned);
      if (retired > 0) held.retired = retired;
      const ms = chunkTimeOf(outcome.returned);
      if (ms !== undefined) this.#sizer.record(held.fn, held.count, ms);
      this.#ranIn = ranIn(outcome.returned) ?? remoteOf(held.wire) ?? this.#ranIn;
    }
    this.#flush();
  }

  /**
   * A report of `held`'s task. The pool hears a chunk's progress only while it is the oldest the link holds, as
   * from a local worker (route-progress.ts): a later chunk's waits, the latest winning, until its turn.
   */
  #reported(held: Held, relayed: ReturnType<typeof readRelayed>, flush = true): void {
    if (relayed === undefined || held.wire !== undefined || relayed.n <= held.heard!) return;
    held.heard = relayed.n;
    held.report = { offset: relayed.offset, value: relayed.value };
    if (flush) this.#flush();
  }

  /** Answers the pool in the order it sent: a chunk finished early waits for those before it. */
  #flush(): void {
    for (;;) {
      const head = this.#held[0];
      if (this.#gone) return;
      if (head === undefined) break;
      if (head.report !== undefined) {
        const { offset, value } = head.report;
        head.report = undefined;
        this.#onMessage?.({ kind: 'progress', seq: head.seq, offset, value });
        continue;
      }
      if (head.wire === undefined) break;
      const { wire, crashed, retired } = this.#held.shift()!;
      const message: ResultsMessage = {
        kind: 'results', count: 1, results: wire!, ...(crashed ? { crashed: 1 } : {}), ...(retired === undefined ? {} : { retiredRemotely: retired }),
      };
      this.#onMessage?.(message);
      if (--this.#budget <= 0) return this.#exit(0, null);
    }
    if (this.#retiring && this.#held.length === 0) this.#exit(0, null);
  }

  remote(): RemoteProcess | undefined {
    return this.#ranIn;
  }

  /** Timeouts are counted by the worker commands, from each chunk's start there (job-extras.ts), not by the pool. */
  readonly timesTasks = true;

  /**
   * The calls of these chunks were aborted, or they waited past their queueTimeoutMs: each is answered now (the
   * pool drops the answer, and no grace timer stops this link for a chunk it no longer holds), and its job is
   * removed from Redis or stopped on its worker command (cluster-client.ts).
   */
  cancel(seqs: readonly number[]): void {
    const wanted = new Set(seqs);
    for (const held of this.#held) {
      if (held.wire !== undefined || !wanted.has(held.seq)) continue;
      held.wire = failure(held.seq, abortedInWorker());
      if (held.settle !== undefined) this.#client.cancel(held.settle);
    }
    // Not now: the pool arms the grace period of the running chunk after this returns, and its answer ends it.
    queueMicrotask(() => this.#flush());
  }

  retire(): void {
    this.#retiring = true;
    if (this.#held.length === 0) this.#exit(0, null);
  }

  /** Its chunks' jobs are not taken back: they may be running on another machine. The pool rejects them. */
  terminate(_graceMs: number | undefined): void {
    this.#exit(null, 'SIGTERM');
  }

  kill(): void {
    this.#exit(null, 'SIGKILL');
  }

  get exited(): boolean {
    return this.#gone;
  }

  /** The Redis connections keep the parent alive while this link has work, as a local worker does. */
  holdParent(holds: boolean): void {
    if (holds === this.#holds || this.#gone) return;
    this.#holds = holds;
    this.#client.hold.hold(holds);
  }

  #exit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#gone) return;
    this.holdParent(false);
    this.#gone = true;
    this.#held = [];
    void this.#client.release().then(() => this.#onExit?.(code, signal));
  }
}

/** How a job ended, as the `[seq, body]` of a chunk result (wire.ts). */
function toWire(held: Held, outcome: JobOutcome): unknown[] {
  const { seq } = held;
  if ('error' in outcome) return failure(seq, outcome.error);
  if ('failed' in outcome) return failure(seq, jobFailure(held, outcome.failed, outcome.processedBy));
  try {
    const wire = decodeResult(outcome.returned);
    wire[0] = seq;
    return wire;
  } catch (cause) {
    return failure(seq, new ClusterError(`the result of this chunk could not be read from Redis: ${reasonOf(cause)}`, { cause }));
  }
}

/** The process a failed chunk's result names (a task error: the child that threw; a lost process: its worker command). */
function remoteOf(wire: unknown[]): RemoteProcess | undefined {
  const remote = (wire[1] as { remote?: unknown } | null | undefined)?.remote as Partial<RemoteProcess> | undefined;
  return typeof remote?.host === 'string' && Number.isInteger(remote.pid) && typeof remote.worker === 'string' ? remote as RemoteProcess : undefined;
}

function failure(seq: number, error: unknown): unknown[] {
  return [seq, { values: [], failedAt: 0, error: encodeError(error) }];
}

/** A job BullMQ failed: its worker refused it, or it stalled (its worker died or froze) and was not run again. */
function jobFailure(held: Held, reason: string, processedBy: string | undefined): Error {
  const [host, pid] = (processedBy ?? 'an unknown worker:0').split(/:(?=\d+$)/);
  if (isStallReason(reason)) {
    return new WorkerCrashedError({
      worker: `multiproc worker on ${host}`, pid: Number(pid) || 0, exitCode: null, signal: null,
      job: held.job, index: held.index, count: held.count, hint: stallHint(held.retry),
    });
  }
  return new ClusterError(`the cluster worker ${processedBy ?? '(unknown)'} refused this chunk: ${reason}`);
}
