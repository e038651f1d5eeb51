/**
 * A chunk's result heard one Redis hop early (issue 19, the one-at-a-time round trip). BullMQ tells the pool that
 * a job completed through its events stream, written by moveToFinished: a heavy script the worker command sends
 * only after its local pool answered, and whose event then wakes the pool's blocked XREAD. The worker command
 * therefore first PUBLISHes a small result on a channel beside the queue (on the connection that then sends
 * moveToFinished, so the message goes out first), and the pool settles the chunk from it.
 *
 * BullMQ stays the source of truth and the events stream and the reconciler the safety net: a message lost
 * (pub/sub is fire-and-forget, and a pool not yet subscribed hears nothing) leaves the chunk to them; a message
 * for a job the pool no longer waits for, or whose creation time differs (job ids restart at 1 in a Redis
 * restarted without persistence), is ignored, as is the later `completed` event of a chunk settled here. So a
 * worker command that dies after publishing delivers its chunk once: the pool has its result, and the stall that
 * BullMQ then reports (and an idempotent call's retry, which a stall would trigger) concerns a chunk the pool no
 * longer waits for. Only chunks of plain calls go this way (no signal, timeout or progress: a progress report must
 * reach the pool before the result, and the two would travel on different connections), and only small results:
 * a large one would cross Redis twice for a hop that is then a small part of its cost.
 */
import type { Queue, Worker } from 'bullmq';

/** The channel small results go out on: one per queue, named like the queue's own keys. */
export function resultChannel(queue: { toKey(type: string): string }): string {
  return queue.toKey('multiproc:result');
}

/** Results longer than this (characters of base64) go by BullMQ's events stream alone. */
export const EARLY_RESULT_MAX = 8192;

interface Publisher {
  publish(channel: string, message: string): Promise<number>;
}

/** The job fields a message names: its id and creation time. */
interface JobName {
  readonly id?: string | undefined;
  readonly timestamp: number;
}

/**
 * The worker command's side: `publish(job, result)` sends a chunk's result on the queue's channel when it is small,
 * never throws, and does not wait (BullMQ's moveToFinished follows on the same connection).
 */
export async function resultPublisher(worker: Worker): Promise<(job: JobName, result: string) => void> {
  const client = (await worker.backend.client) as unknown as Publisher;
  const channel = resultChannel(worker);
  return (job, result) => {
    if (job.id === undefined || result.length > EARLY_RESULT_MAX) return;
    client.publish(channel, `${job.id}\n${job.timestamp}\n${result}`).catch(() => undefined);
  };
}

/** A message read back: undefined when it is not one (it is then ignored). */
export function readEarlyResult(message: string): { readonly jobId: string; readonly timestamp: number; readonly returned: string } | undefined {
  const first = message.indexOf('\n');
  const second = message.indexOf('\n', first + 1);
  if (first <= 0 || second < 0) return undefined;
  const timestamp = Number(message.slice(first + 1, second));
  if (!Number.isFinite(timestamp)) return undefined;
  return { jobId: message.slice(0, first), timestamp, returned: message.slice(second + 1) };
}

interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
}

/**
 * The pool's side: a connection of its own (a subscribed one can do nothing else) subscribed to the queue's
 * channel, resolved once subscribed; `heard` gets each well-formed message. ioredis subscribes again after a
 * reconnect. `client` is the connection, for the pool's ConnectionHold. A subscription Redis refuses (an ACL user
 * allowed no channels: `resetchannels`) is given up, and the pool hears every result through BullMQ's events.
 */
export async function listenForResults(queue: Queue, heard: (jobId: string, timestamp: number, returned: string) => void):
  Promise<{ readonly client: unknown; stop(): void } | undefined> {
  const client = (await queue.backend.client) as unknown as { duplicate(): Subscriber };
  const subscriber = client.duplicate();
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel, message) => {
    const result = readEarlyResult(message);
    if (result !== undefined) heard(result.jobId, result.timestamp, result.returned);
  });
  try {
    await subscriber.subscribe(resultChannel(queue));
  } catch {
    subscriber.disconnect();
    return undefined;
  }
  return { client: subscriber, stop: () => subscriber.disconnect() };
}
