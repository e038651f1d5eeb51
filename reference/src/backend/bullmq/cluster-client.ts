/**
 * The pool's side of Redis, shared by all its links: one BullMQ Queue to add chunk jobs, one QueueEvents to hear
 * them finish, and a reconciler that reads outstanding jobs from their records. Events alone are not enough
 * (issue 19's measurements: QueueEvents starting at '$' lost the first completion in 1 of 16 runs, and a Redis
 * restarted without persistence sends no event at all), so the events stream starts from an id read before the
 * first add, and every chunk still outstanding after `reconcileMs` is looked up by id.
 */
import type { Job, Queue, QueueEvents } from 'bullmq';
import { ClusterError } from '../../errors.js';
import { reasonOf } from '../../describe-thrown.js';
import { type ClusterSettings, redacted, redisOptions } from './cluster-options.js';
import { ConnectionHold } from './connection-hold.js';
import { addJobs } from './add-jobs.js';
import { CHUNK_JOB, RAN_ON, type ChunkJobData } from './job-codec.js';
import { loadBullMQ } from './load-bullmq.js';
import { cancelJob } from './cancel-channel.js';

/** How a chunk's job ended, as its record says: the worker's return value, or why it failed. */
export type JobOutcome =
  /** `progress`: the job's last progress as its record has it, when read from the record (it may not have been heard). */
  | { readonly returned: unknown; readonly progress?: unknown }
  | { readonly failed: string; readonly processedBy: string | undefined }
  | { readonly error: Error };

type Settle = (outcome: JobOutcome) => void;
/** Hears a job's progress events (a call given onProgress: progress-relay.ts). */
type Progress = (data: unknown) => void;
type NewJob = { readonly data: ChunkJobData; readonly settle: Settle; readonly progress?: Progress | undefined };

interface Parts {
  readonly queue: Queue;
  readonly events: QueueEvents;
}

interface RawRedis {
  xrevrange(key: string, end: string, start: string, count: 'COUNT', n: number): Promise<[string, string[]][]>;
}

/** Finished jobs stay this long for the reconciler to read, then BullMQ removes them. */
const KEEP_FINISHED_S = 3600;

export class ClusterClient {
  readonly #settings: ClusterSettings;
  #parts: Promise<Parts> | undefined;
  /** By job id: how to settle the chunk, when it was sent, and its job's creation time (ids can be reused). */
  readonly #pending = new Map<string, { readonly settle: Settle; readonly since: number; readonly timestamp: number; readonly progress?: Progress | undefined }>();
  /** Chunks whose record is being read now (#lookUp). */
  readonly #lookingUp = new Set<string>();
  #poll: NodeJS.Timeout | undefined;
  #users = 0;
  /** Whether the connections keep the parent alive: only while a link has work (connection-hold.ts). */
  readonly hold = new ConnectionHold();
  #closing: Promise<void> | undefined;
  /** Chunks cancelled while their addBulk was on its way: cancelled in Redis once they have an id. */
  readonly #cancelling = new WeakSet<Settle>();

  constructor(settings: ClusterSettings) {
    this.#settings = settings;
  }

  /** One more link uses this client; `release` when it is done. */
  acquire(): void {
    this.#users++;
    // A link that replaces the last one (maxTasksPerChild, a fault) opens new connections: they need a close of their own.
    this.#closing = undefined;
  }

  /** The last link to go closes the connections (bounded): the promise says when they are closed. */
  release(): Promise<void> {
    if (--this.#users > 0) return Promise.resolve();
    this.#closing ??= this.#close();
    return this.#closing;
  }

  /**
   * Adds one job per chunk in one round trip; each `settle` is called once with how its job ended, or with a
   * ClusterError when Redis cannot be reached within connectTimeoutMs or the job vanishes from it.
   */
  add(jobs: readonly NewJob[]): void {
    void this.#add(jobs);
  }

  async #add(jobs: readonly NewJob[]): Promise<void> {
    let added: Job[];
    try {
      const { queue } = await this.#bounded(this.#connect(), 'connecting');
      added = await this.#bounded(addJobs(queue, jobs.map(({ data }) => ({
        name: CHUNK_JOB, data,
        opts: { removeOnComplete: { age: KEEP_FINISHED_S }, removeOnFail: { age: KEEP_FINISHED_S } },
      }))), 'adding chunk jobs');
    } catch (error) {
      for (const { settle } of jobs) settle({ error: error as Error });
      return;
    }
    if (this.#users <= 0) {
      for (const { settle } of jobs) settle({ error: new ClusterError('the pool stopped before this chunk finished') });
      return;
    }
    const since = Date.now();
    added.forEach((job, i) => {
      // A Redis restarted without persistence numbers jobs from 1 again: a chunk still waiting under this id
      // belongs to a job that is gone.
      const stale = this.#pending.get(job.id!);
      if (stale !== undefined) stale.settle({ error: this.#vanished(job.id!) });
      const { settle, progress } = jobs[i]!;
      if (this.#cancelling.has(settle)) void this.#cancelJob(job.id!);
      else this.#pending.set(job.id!, { settle, since, timestamp: job.timestamp, ...(progress === undefined ? {} : { progress }) });
    });
    this.#startPolling();
  }

  /**
   * The chunk `settle` was given for is no longer wanted (its call was aborted, or it waited past its
   * queueTimeoutMs): its job is removed if still waiting, else its worker command is told (cancel-channel.ts).
   * `settle` is not called for it again.
   */
  cancel(settle: Settle): void {
    for (const [jobId, entry] of this.#pending) {
      if (entry.settle !== settle) continue;
      this.#pending.delete(jobId);
      if (this.#pending.size === 0) this.#stopPolling();
      void this.#cancelJob(jobId);
      return;
    }
    this.#cancelling.add(settle);
  }

  async #cancelJob(jobId: string): Promise<void> {
    const parts = await this.#parts?.catch(() => undefined);
    if (parts !== undefined) await cancelJob(parts.queue, jobId);
  }

  #connect(): Promise<Parts> {
    // A look-up still on its way when the last link went must not open connections that nobody will close.
    if (this.#users <= 0) return Promise.reject(new ClusterError('the pool stopped before this chunk finished'));
    this.#parts ??= this.#open().catch((error: unknown) => {
      // The next add tries again: Redis may be back by then.
      this.#parts = undefined;
      throw error;
    });
    return this.#parts;
  }

  async #open(): Promise<Parts> {
    const { Queue, QueueEvents } = await loadBullMQ();
    const { queue: name, prefix } = this.#settings;
    const connection = redisOptions(this.#settings.connection);
    const queue = new Queue(name, { connection, ...(prefix === undefined ? {} : { prefix }) });
    queue.on('error', () => undefined);
    let events: QueueEvents | undefined;
    try {
      await this.#bounded(queue.waitUntilReady(), 'connecting');
      // The raw ioredis client (BullMQ's wrapper forwards what it does not define itself).
      const client = (await queue.backend.client) as unknown as RawRedis;
      // The stream's last id before our first add: no completion of ours can come before it.
      const last = await client.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
      // blockingTimeout 0: XREAD blocks without BullMQ's watchdog timer, which would keep an idle pool's parent
      // alive (connection-hold.ts). A reconnect does not leave the read stuck: ioredis sends it again on the new
      // connection (and had it rejected, BullMQ reads again 5 s later); cluster-events-after-outage.test.ts times
      // calls after a Redis restart at milliseconds. Only a connection that dies unseen (no reset: a partition)
      // can hold the read; each chunk then completes through the reconciler, in 1–2 × reconcileMs.
      events = new QueueEvents(name, {
        connection, ...(prefix === undefined ? {} : { prefix }), lastEventId: last[0]?.[0] ?? '0-0', blockingTimeout: 0,
      });
      events.on('error', () => undefined);
      events.on('completed', ({ jobId, returnvalue }) => this.#settle(jobId, { returned: returnvalue }));
      events.on('failed', ({ jobId }) => void this.#lookUp(jobId));
      events.on('progress', ({ jobId, data }) => this.#pending.get(jobId)?.progress?.(data));
      await this.#bounded(events.waitUntilReady(), 'connecting');
      for (const part of [queue, events]) await this.#adopt(part);
    } catch (error) {
      void events?.close().catch(() => undefined);
      void queue.close().catch(() => undefined);
      throw error;
    }
    return { queue, events };
  }

  /** Hands the part's Redis connections (its blocking one too, if it has one) to the hold. */
  async #adopt(part: Queue | QueueEvents): Promise<void> {
    const backend = part.backend as unknown as { client: Promise<unknown>; blockingClient?: Promise<unknown> };
    for (const client of [await backend.client, await backend.blockingClient]) if (client !== undefined) this.hold.adopt(client);
  }

  #settle(jobId: string, outcome: JobOutcome): void {
    const entry = this.#pending.get(jobId);
    if (entry === undefined) return;
    this.#pending.delete(jobId);
    if (this.#pending.size === 0) this.#stopPolling();
    entry.settle(outcome);
  }

  #startPolling(): void {
    if (this.#poll !== undefined || this.#pending.size === 0) return;
    this.#poll = setInterval(() => void this.#reconcile(), this.#settings.reconcileMs);
    this.hold.timer(this.#poll);
  }

  #stopPolling(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
    this.hold.timer(undefined);
  }

  /** Looks up, by id, every chunk outstanding for longer than reconcileMs. */
  async #reconcile(): Promise<void> {
    const due = Date.now() - this.#settings.reconcileMs;
    const ids = [...this.#pending].filter(([, entry]) => entry.since <= due).map(([id]) => id);
    await Promise.all(ids.map((id) => this.#lookUp(id)));
  }

  /** Reads job `jobId`'s record and settles it if it finished (or vanished). Redis unreachable: tried again later. */
  async #lookUp(jobId: string): Promise<void> {
    // One look-up per chunk at a time: with Redis slow or down, rounds every reconcileMs would otherwise pile up
    // commands in the client's offline queue, all sent at once when it comes back.
    if (!this.#pending.has(jobId) || this.#lookingUp.has(jobId)) return;
    this.#lookingUp.add(jobId);
    try {
      await this.#lookUpOnce(jobId);
    } finally {
      this.#lookingUp.delete(jobId);
    }
  }

  async #lookUpOnce(jobId: string): Promise<void> {
    let job: Job | undefined;
    try {
      const { queue } = await this.#bounded(this.#connect(), 'reading a chunk job');
      job = await this.#bounded(queue.getJob(jobId), 'reading a chunk job');
    } catch (error) {
      const entry = this.#pending.get(jobId);
      // Unreachable for longer than the bound since the chunk was sent: its caller is told, not kept waiting.
      if (entry !== undefined && Date.now() - entry.since > this.#settings.connectTimeoutMs) this.#settle(jobId, { error: error as Error });
      return;
    }
    if (job === undefined || job.timestamp !== this.#pending.get(jobId)?.timestamp) return this.#settle(jobId, { error: this.#vanished(jobId) });
    if (job.finishedOn === undefined) return;
    if (job.failedReason !== undefined && job.failedReason !== '' && job.returnvalue == null) {
      this.#settle(jobId, { failed: job.failedReason, processedBy: await this.#ranOn(jobId) ?? job.processedBy });
    } else this.#settle(jobId, { returned: job.returnvalue, progress: job.progress });
  }

  #vanished(jobId: string): ClusterError {
    return new ClusterError(
      `chunk job ${jobId} of queue "${this.#settings.queue}" is no longer in Redis at ${redacted(this.#settings.connection)}: ` +
        'Redis was restarted without persistence, flushed, or the queue obliterated, so the chunk may or may not ' +
        'have run; run it again once Redis is back',
    );
  }

  /** The worker that last took job `jobId`, as it wrote in the job's log (worker-command.ts). */
  async #ranOn(jobId: string): Promise<string | undefined> {
    try {
      const { queue } = await this.#bounded(this.#connect(), 'reading a chunk job');
      const { logs } = await this.#bounded(queue.getJobLogs(jobId, -10, -1), 'reading a chunk job');
      return logs.findLast((line) => line.startsWith(RAN_ON))?.slice(RAN_ON.length);
    } catch {
      return undefined;
    }
  }

  /** `promise`, or a ClusterError naming the connection once connectTimeoutMs has passed. */
  #bounded<T>(promise: Promise<T>, doing: string): Promise<T> {
    const { connectTimeoutMs, connection } = this.#settings;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ClusterError(
        `Redis at ${redacted(connection)} did not answer within ${connectTimeoutMs} ms while ${doing}: start Redis ` +
          'there (or fix options.cluster.connection), or raise options.cluster.connectTimeoutMs',
      )), connectTimeoutMs);
      promise.then(
        (value) => { clearTimeout(timer); resolve(value); },
        (cause: unknown) => {
          clearTimeout(timer);
          reject(cause instanceof ClusterError ? cause : new ClusterError(
            `Redis at ${redacted(connection)} refused while ${doing}: ${reasonOf(cause)}`, { cause }));
        },
      );
    });
  }

  async #close(): Promise<void> {
    this.#stopPolling();
    const parts = this.#parts;
    this.#parts = undefined;
    this.hold.forget();
    for (const [jobId] of this.#pending) this.#settle(jobId, { error: new ClusterError('the pool stopped before this chunk finished') });
    if (parts === undefined) return;
    const opened = await parts.catch(() => undefined);
    if (opened === undefined) return;
    const closed = Promise.all([opened.events.close(), opened.queue.close()]).then(() => undefined, () => undefined);
    // A Redis that is gone must not keep the pool's join() waiting: ioredis would retry for ever.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await opened.events.disconnect().catch(() => undefined);
    await opened.queue.disconnect().catch(() => undefined);
  }
}
