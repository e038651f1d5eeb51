/**
 * Reaching a chunk's job on another machine once its call was aborted. BullMQ keeps the job: a job still waiting
 * is removed from the queue (it never runs); one already taken is locked, so BullMQ refuses to remove it, and its
 * id goes out on a Redis pub/sub channel beside the queue. Every worker command of the queue listens there, and the
 * one running the job aborts it with BullMQ's own `worker.cancelJob` (6.x): the processor's signal fires, which
 * aborts the call to its local pool, whose worker sees `currentTask().signal` fire and is stopped past the call's
 * grace. Pub/sub is fire-and-forget; BullMQ stays the source of truth for the job (its record says how it ended),
 * and a message that arrives before the job's processor started is remembered for a while (RecentCancels).
 */
import type { Queue, Worker } from 'bullmq';
import { ClusterError } from '../../errors.js';
import { reasonOf } from '../../describe-thrown.js';

/** The channel the ids of aborted chunk jobs go out on: one per queue, named like the queue's own keys. */
export function cancelChannel(queue: { toKey(type: string): string }): string {
  return queue.toKey('multiproc:cancel');
}

interface Publisher {
  publish(channel: string, message: string): Promise<number>;
}

/**
 * The parent's side: job `jobId` must not run, or must stop. Removed when still waiting; else its worker command
 * is told. Never throws: a Redis that is gone has nothing to run, and its caller has been answered already.
 */
export async function cancelJob(queue: Queue, jobId: string): Promise<void> {
  try {
    if ((await queue.remove(jobId)) === 1) return;
    const client = (await queue.backend.client) as unknown as Publisher;
    await client.publish(cancelChannel(queue), jobId);
  } catch {
    // Unreachable Redis: the job's record says how it ended once it is back; the call was answered already.
  }
}

/** How long a worker command remembers an id it could not match to a running job. */
const REMEMBER_MS = 60_000;

/**
 * The ids a worker command heard of before their job's processor started (the job was taken in Redis, the process
 * had not yet begun it): the processor checks here first, and skips the chunk.
 */
export class RecentCancels {
  readonly #ids = new Map<string, number>();

  add(jobId: string): void {
    const now = Date.now();
    for (const [id, at] of this.#ids) if (now - at > REMEMBER_MS) this.#ids.delete(id);
    this.#ids.set(jobId, now);
  }

  /** Whether job `jobId` was cancelled before its processor started (forgotten once asked). */
  take(jobId: string | undefined): boolean {
    return jobId !== undefined && this.#ids.size > 0 && this.#ids.delete(jobId);
  }
}

interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
}

/**
 * The worker command's side: a connection of its own subscribed to the queue's channel (a subscribed connection
 * can do nothing else). A job running here is aborted; an id matching none is remembered (`recent`).
 */
export async function listenForCancels(worker: Worker, recent: RecentCancels): Promise<{ stop(): void }> {
  const client = (await worker.backend.client) as unknown as { duplicate(): Subscriber };
  const subscriber = client.duplicate();
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel, jobId) => {
    if (!worker.cancelJob(jobId, 'the call this chunk runs for was aborted')) recent.add(jobId);
  });
  const channel = cancelChannel(worker);
  try {
    await subscriber.subscribe(channel);
  } catch (cause) {
    subscriber.disconnect();
    // An ACL user given the queue's keys but no channels (resetchannels) gets this far: say which grant is missing.
    throw new ClusterError(`Redis refused to subscribe this worker to ${channel}, where a pool's cancellations reach it: ` +
      `${reasonOf(cause)}. Give its Redis user the queue's channels as well as its keys: ACL SETUSER <user> '&${worker.toKey('*')}'`, { cause });
  }
  return { stop: () => subscriber.disconnect() };
}
