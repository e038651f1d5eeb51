/**
 * Forking a pool worker. Node reports most refusals (EAGAIN, ENOMEM, ENOENT) not by a throw but by a child
 * without a pid and an 'error' event on the next tick, which is an uncaught exception unless someone listens.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { childExecArgv } from '../../child-flags.js';
import { reasonOf } from '../../describe-thrown.js';
import { WorkerStartError } from '../../errors.js';
import { childEntry } from '../../process/child-entry.js';
import './worker-boot.js';

const WORKER_MAIN = childEntry(import.meta.url, 'worker-main');

/** A worker process with its channel (`env`: its whole environment, the parent's when undefined), or WorkerStartError. */
export function startWorker(env: Readonly<Record<string, string>> | undefined): ChildProcess {
  let child: ChildProcess;
  try {
    child = fork(WORKER_MAIN, [], {
      execArgv: childExecArgv(),
      // A copy each time: Node adds NODE_V8_COVERAGE to the env it is given, and ours is frozen.
      ...(env === undefined ? {} : { env: { ...env } }),
      serialization: 'advanced',
      // stderr piped: the parent forwards it as it comes and keeps its tail for a crash report (stderr-tail.ts).
      // fd 4: the bulk pipe, for large binary values (bulk.ts).
      stdio: ['inherit', 'inherit', 'pipe', 'ipc', 'pipe'],
    });
  } catch (cause) {
    throw workerStartError(reasonOf(cause), cause);
  }
  // Errors after the start (a failed kill or send) are seen through the exit and the send callbacks.
  child.on('error', () => undefined);
  if (child.pid === undefined) throw workerStartError('the system refused to create a process');
  return child;
}

function workerStartError(reason: string, cause?: unknown): WorkerStartError {
  return new WorkerStartError(
    `could not start a pool worker: ${reason} (running ${process.execPath}: too many processes or open files, ` +
      'too little memory, or an executable that cannot be run). The pool stopped; create a new Pool once the ' +
      'cause is fixed',
    cause === undefined ? undefined : { cause },
  );
}
