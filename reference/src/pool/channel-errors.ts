/**
 * The errors the pool raises about what crossed (or failed to cross) a worker's channel, worded in one place:
 * each names the worker, the job and the item, the cause, and what to do.
 */
import { InitializerError, ProtocolError, SerializationError, WorkerStartError } from '../errors.js';
import { reasonOf } from '../describe-thrown.js';
import { decodeError, decodeErrorBytes, remoteOrigin } from '../remote-error.js';
import type { ChunkResult } from '../backend/protocol.js';
import type { Task } from './task.js';
import type { WorkerHandle } from './worker-handle.js';

/** The error a failed chunk rejects with: the task's own, or ours when its result could not cross. */
export function taskError(worker: WorkerHandle, chunk: Task, result: Extract<ChunkResult, { ok: false }>): unknown {
  const index = chunk.start + result.failedAt;
  const { remote } = result;
  const thrown = decodeError(result.error, remote === undefined
    ? { where: `pool worker ${worker.name} (pid ${worker.pid}) on item ${index} of job ${chunk.job}`, process: worker.name, pid: worker.pid, job: chunk.job, index }
    : remoteOrigin(remote, chunk.job, index));
  if (result.unsendable === undefined) return thrown;
  return new SerializationError(
    `the result of item ${index} of job ${chunk.job} cannot be sent back to the parent: ${result.unsendable}; ` +
      `results cross by structured clone (Python: they must be picklable) — return plain data, not functions, ` +
      `symbols or handles`,
    { cause: thrown },
  );
}

/** A task argument that cannot be written, or that a worker could not read back. */
export function argumentError(chunk: Task, offset: number, reason: string, cause?: unknown): SerializationError {
  return new SerializationError(
    `item ${chunk.start + offset} of job ${chunk.job} cannot be sent to a pool worker: ${reason}; task arguments ` +
      `cross by structured clone (Python: they must be picklable) — pass plain data, not functions, symbols or handles`,
    cause === undefined ? undefined : { cause },
  );
}

/** Results the parent could not read although the worker checked them: the last line of defence. */
export function unreadableResultError(worker: WorkerHandle, chunk: Task, reason: string): SerializationError {
  const last = chunk.start + chunk.items.length - 1;
  const items = last === chunk.start ? `item ${chunk.start}` : `items ${chunk.start}–${last}`;
  return new SerializationError(
    `the results of ${items} of job ${chunk.job} could not be read in the parent: ${reason}. Pool worker ` +
      `${worker.name} checks what it sends, so this should not happen: please report it with the values returned`,
  );
}

/** What the tasks of a worker that broke the protocol reject with. */
export function protocolError(worker: WorkerHandle, what: string): ProtocolError {
  return new ProtocolError(
    `pool worker ${worker.name} (pid ${worker.pid}) sent ${what}, which is not part of multiproc's protocol; the ` +
      `pool killed and replaced it, and the tasks it held are rejected with this error. Task code cannot send on a ` +
      `worker's channel (process.send is refused there), so this comes from code that wrote to the channel by ` +
      `other means, or from a bug in multiproc`,
  );
}

/** The initializer threw in `worker` (its report, read inside a try). */
export function initializerError(worker: WorkerHandle, initializer: string, report: Uint8Array): InitializerError {
  const where = `the initializer in pool worker ${worker.name} (pid ${worker.pid})`;
  const cause = decodeErrorBytes(report, { where, process: worker.name, pid: worker.pid });
  return new InitializerError(
    `Pool initializer ${initializer} failed in pool worker ${worker.name}: ${reasonOf(cause)}. ` +
      `The pool stopped instead of restarting workers forever; fix the initializer and create a new Pool`,
    { cause },
  );
}

/** Why `failures` workers in a row exited before they were ready: the initializer, if there is one, else their start. */
export function startError(worker: WorkerHandle, failures: number, initializer: string | null,
  code: number | null, signal: NodeJS.Signals | null): InitializerError | WorkerStartError {
  const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
  const last = `the last, pool worker ${worker.name} (pid ${worker.pid}), exited with ${how}`;
  const cause = worker.fault === undefined ? undefined : { cause: worker.fault };
  if (initializer === null) {
    return new WorkerStartError(
      `${failures} pool workers in a row exited before they were ready (${last}). There is no initializer, so ` +
        `they failed while starting, before running any task: their stderr says why (a Node flag workers cannot ` +
        `use, a module that fails to load, too little memory, or something that kills them). The pool stopped ` +
        `instead of starting workers forever; create a new Pool once the cause is fixed`,
      cause,
    );
  }
  return new InitializerError(
    `Pool initializer ${initializer} did not finish in ${failures} pool workers in a row (${last}): it ended its ` +
      `process (process.exit() or a crash) instead of returning or throwing. The pool stopped instead of ` +
      `restarting workers forever; fix the initializer and create a new Pool`,
    cause,
  );
}
