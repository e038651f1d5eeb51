/**
 * Runs one chunk in a worker: the task on each item, in order. It stays synchronous for as long as the task
 * does: only a task that returns a thenable, or a function still being imported, costs microtask turns, so a
 * worker runs a batch of trivial chunks in one go and answers them in one message.
 * @python multiprocessing.pool.worker (the `func(*args)` / `mapstar` call)
 */
import { abortedInWorker } from '../../pool/current-task.js';
import { encodeError } from '../../remote-error.js';
import { isThenable } from '../../is-thenable.js';
import { reviveFromParent } from '../../class-modules.js';
import { reviveInstances } from '../../revive.js';
import type { TaskFunction } from '../../task-registry.js';
import type { ChunkResult } from '../protocol.js';
import { ValuesCollector, type Values } from '../../pool/packed.js';
import { queueTransfer } from '../../pool/queue-transfer-on-demand.js';
import { cancelled } from './running-task.js';
import { reportingIn } from './progress-out.js';
import type { WorkerChunk } from './wire.js';

/** `fn` as the worker has it: loaded, still loading, or never defined (a bug in the parent's bookkeeping). */
export function runChunk(chunk: WorkerChunk, fn: TaskFunction | Promise<TaskFunction> | undefined): ChunkResult | Promise<ChunkResult> {
  const values = new ValuesCollector(chunk.items.length);
  if (fn === undefined) return failed(chunk, values, new Error(`internal: function ${chunk.fn} was never defined for this worker`));
  // After the task's module is loaded: importing it is what registers the classes its arguments hold (a class
  // whose module it does not import sends the chunk the long way, which imports that module).
  if (fn instanceof Promise || chunk.queues || (chunk.classes && !reviveInstances(chunk.classes))) return prepareThenRun(chunk, fn, values);
  return runItems(chunk, fn, chunk.items, values);
}

/**
 * Waits for what the chunk needs first: its function's module (which registers the classes its arguments hold),
 * the queue machinery for its queues.
 */
async function prepareThenRun(chunk: WorkerChunk, fn: TaskFunction | Promise<TaskFunction>, values: ValuesCollector): Promise<ChunkResult> {
  let loaded: TaskFunction;
  let items: Values;
  try {
    loaded = await fn;
    if (chunk.classes) await reviveFromParent(chunk.classes);
    items = chunk.queues ? (await queueTransfer()).unpackQueues(chunk.items, chunk.queues) : chunk.items;
  } catch (thrown) {
    return failed(chunk, values, thrown);
  }
  return runItems(chunk, loaded, items, values);
}

function runItems(chunk: WorkerChunk, fn: TaskFunction, items: Values, values: ValuesCollector): ChunkResult | Promise<ChunkResult> {
  // Which item a progress report is about: the number of results so far, read only when a task reports.
  if (chunk.reports) reportingIn(values);
  try {
    for (let offset = 0; offset < items.length; offset++) {
      const value = call(fn, items[offset], chunk.star);
      if (isThenable(value)) return finishAsync(chunk, fn, items, values, value);
      values.push(value);
    }
  } catch (thrown) {
    return failed(chunk, values, thrown);
  }
  return { seq: chunk.seq, ok: true, values: values.values() };
}

/** The rest of a chunk once one of its tasks returned a thenable. */
async function finishAsync(chunk: WorkerChunk, fn: TaskFunction, items: Values, values: ValuesCollector,
  pending: PromiseLike<unknown>): Promise<ChunkResult> {
  try {
    values.push(await pending);
    for (let offset = values.length; offset < items.length; offset++) {
      // The call was aborted while an item ran: the rest of the chunk does not run.
      if (cancelled.size > 0 && cancelled.has(chunk.seq)) return failed(chunk, values, abortedInWorker());
      let value = call(fn, items[offset], chunk.star);
      if (isThenable(value)) value = await value;
      values.push(value);
    }
  } catch (thrown) {
    return failed(chunk, values, thrown);
  }
  return { seq: chunk.seq, ok: true, values: values.values() };
}

/** The answer to a task whose call was aborted before it ran. */
export function skipChunk(chunk: WorkerChunk): ChunkResult {
  return failed(chunk, new ValuesCollector(chunk.items.length), abortedInWorker());
}

function call(fn: TaskFunction, item: unknown, star: boolean): unknown {
  return star ? fn(...(item as unknown[])) : fn(item);
}


function failed(chunk: WorkerChunk, values: ValuesCollector, thrown: unknown): ChunkResult {
  return { seq: chunk.seq, ok: false, values: values.array(), failedAt: values.length, error: encodeError(thrown) };
}
