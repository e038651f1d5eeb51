/**
 * Entry point of a pool worker: runs the initializer once, then runs the chunks it is sent, in order, one at
 * a time (as Python's worker loop does), and answers each chunk with one result message.
 * @python multiprocessing.pool.worker
 */
import { adoptIdentity } from '../identity.js';
import { encodeError, formatThrown } from '../remote-error.js';
import { restoreDefaultSignals } from '../process/default-signals.js';
import { unpackQueues } from '../queue/transfer.js';
import { loadTask, type TaskFunction } from '../task-registry.js';
import { SerializationError } from '../errors.js';
import { isSerializable } from '../serialization.js';
import type { BatchMessage, Chunk, FromWorker, InitMessage, ResultMessage, ToWorker } from './messages.js';

const functions = new Map<number, TaskFunction | Promise<TaskFunction>>();
const queue: Chunk[] = [];
let initialized: Promise<void> | undefined;
let maxTasks: number | null = null;
let done = 0;
let running = false;

restoreDefaultSignals();

// Workers die with their pool: a parent that exits, crashes or calls close() disconnects the channel.
// A worker retired before it finished starting still runs its initializer first, as Python's does.
process.on('disconnect', () => {
  void Promise.resolve(initialized).finally(() => process.exit(0));
});

process.on('message', (message: ToWorker) => {
  if (message.kind === 'init') initialized = initialize(message);
  else accept(message);
});

const noop = (): void => undefined;

function send(message: FromWorker, then?: () => void): void {
  if (process.connected) process.send!(message, undefined, undefined, then ?? noop);
}

async function initialize(message: InitMessage): Promise<void> {
  // Pool workers are daemonic in Python: they may not start processes of their own.
  adoptIdentity(message.name, true, [...message.identity]);
  maxTasks = message.maxTasks;
  if (message.initializer !== null) {
    try {
      const initializer = await loadTask(message.initializer);
      await initializer(...unpackQueues(message.initargs));
    } catch (thrown) {
      process.stderr.write(`Process ${message.name}: initializer failed\n${formatThrown(thrown)}\n`);
      send({ kind: 'init-error', error: encodeError(thrown) }, () => process.exit(1));
      return new Promise(() => undefined);
    }
  }
  send({ kind: 'ready' });
}

function accept(batch: BatchMessage): void {
  for (const { id, task } of batch.defines) {
    const loading = loadTask(task);
    functions.set(id, loading);
    // Remember the function itself once loaded, so later chunks call it without awaiting.
    loading.then((fn) => functions.set(id, fn), () => undefined);
  }
  for (const chunk of batch.chunks) queue.push(chunk);
  if (running) return;
  // Idle until now: say so before running anything, so a death from here on is blamed on this chunk. (A busy
  // worker needs no such word: its next result tells the parent it went on to the next chunk.)
  if (batch.chunks.length > 0) send({ kind: 'received', seq: batch.chunks[0]!.seq });
  void drain();
}

async function drain(): Promise<void> {
  running = true;
  await initialized;
  while (queue.length > 0) {
    const result = await runChunk(queue.shift()!);
    done++;
    // Python's maxtasksperchild: the parent sends no more than this; leave once the last result is out.
    const retire = maxTasks !== null && done >= maxTasks;
    sendResult(result, retire ? () => process.exit(0) : undefined);
    if (retire) return;
  }
  running = false;
}

/** Sends a result; a value that cannot be cloned turns the chunk into a failure naming that value. */
function sendResult(result: ResultMessage, then?: () => void): void {
  try {
    send(result, then);
  } catch (cause) {
    const bad = result.values.findIndex((value) => !isSerializable(value));
    const failedAt = bad === -1 ? result.values.length : bad;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new SerializationError(`the result of item ${failedAt} of this chunk cannot be sent back to the parent: ${reason}`);
    send({ kind: 'result', seq: result.seq, ok: false, values: result.values.slice(0, failedAt), failedAt,
      error: encodeError(error), unsendable: reason }, then);
  }
}

async function runChunk(chunk: Chunk): Promise<ResultMessage> {
  const values: unknown[] = [];
  let offset = 0;
  try {
    let fn = functions.get(chunk.fn);
    if (fn === undefined) throw new Error(`internal: function ${chunk.fn} was never defined for this worker`);
    if (fn instanceof Promise) fn = await fn;
    const items = chunk.queues ? unpackQueues(chunk.items) : chunk.items;
    for (; offset < items.length; offset++) {
      const item = items[offset];
      let value = chunk.star ? fn(...(item as unknown[])) : fn(item);
      // Only real thenables cost a microtask turn; plain values stay on the synchronous path.
      if (value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function') {
        value = await value;
      }
      values.push(value);
    }
    return { kind: 'result', seq: chunk.seq, ok: true, values };
  } catch (thrown) {
    return { kind: 'result', seq: chunk.seq, ok: false, values, failedAt: offset, error: encodeError(thrown) };
  }
}
