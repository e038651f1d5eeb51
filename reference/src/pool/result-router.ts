/**
 * Where chunk results go: every job submitted and not yet ended, by id, as CPython's result handler finds
 * `cache[job]`. A job that has ended leaves the table at once, whatever ended it; results that arrive for it
 * later (other chunks of a map that already failed) are dropped, as Python drops them.
 * @python multiprocessing.pool.Pool._handle_results
 */
import type { JobSink } from './jobs.js';
import { JobTable } from './job-table.js';
import type { Task } from './task.js';
import type { Values } from './packed.js';

export class ResultRouter {
  readonly #jobs = new JobTable<JobSink>();
  #nextId = 0;

  /** The id the next job registered gets: its chunks are made with it before it is registered. */
  get nextId(): number {
    return this.#nextId;
  }

  /** Jobs registered and not yet ended. */
  get size(): number {
    return this.#jobs.size;
  }

  register(job: JobSink): number {
    const id = this.#nextId++;
    this.#jobs.set(id, job);
    return id;
  }

  /** The results of `chunk`'s items. */
  done(chunk: Task, values: Values): void {
    const job = this.#jobs.get(chunk.job);
    if (job === undefined) return;
    if (chunk.progress !== undefined) {
      chunk.progress.itemsDone(values.length);
      // The listener may have ended the job (terminate()): nothing more is routed to it.
      if (this.#jobs.get(chunk.job) !== job) return;
    }
    job.chunkDone(chunk.start, values);
    if (hasEnded(job)) this.#jobs.delete(chunk.job);
  }

  /** `chunk` failed with `error`; `values` are the results of its items before the failure. */
  fail(chunk: Task, error: unknown, values: readonly unknown[] = []): void {
    const job = this.#jobs.get(chunk.job);
    if (job === undefined) return;
    job.chunkFailed(chunk.start, values, error);
    if (hasEnded(job)) this.#jobs.delete(chunk.job);
    // An imap goes on past a failed chunk (its consumer meets the error in its place): those items are done too.
    else if (chunk.progress !== undefined) chunk.progress.itemsDone(chunk.items.length);
  }

  /** Whether job `id` is still waiting for results: progress is delivered only then. */
  has(id: number): boolean {
    return this.#jobs.has(id);
  }

  /** The results of job `id` are no longer wanted (an imap its consumer left). */
  drop(id: number): void {
    this.#jobs.delete(id);
  }

  /** Job `id` ends with `error` (its call was aborted); results that arrive for it later are dropped. */
  abort(id: number, error: unknown): void {
    const job = this.#jobs.get(id);
    if (job === undefined) return;
    this.#jobs.delete(id);
    if (job.cancel !== undefined) job.cancel(error);
    else job.abort(error);
  }

  /** Every job ends with `error`: the pool was terminated or broke. */
  abortAll(error: unknown): void {
    for (const job of this.#jobs.values()) job.abort(error);
    this.#jobs.clear();
  }
}

/**
 * True once an AsyncResult-backed job has its outcome, though its callback may not have run yet; an imap ends
 * when its consumer leaves (drop).
 */
function hasEnded(job: JobSink): boolean {
  return 'ended' in job && job.ended === true;
}
