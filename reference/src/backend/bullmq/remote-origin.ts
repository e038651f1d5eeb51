/**
 * Where a task that threw on a cluster worker command really ran. The pool's slot for a cluster link has no
 * process of its own (its pid is 0), so a task error would otherwise say "pool worker PoolWorker-1 (pid 0)":
 * the worker command says instead which machine and which of its processes ran the chunk, and the parent puts
 * that in the error's origin (`raisedIn`, remote-error.ts remoteOrigin) and in the line below its stack.
 */
import { hostname } from 'node:os';
import type { RemoteProcess } from '../../remote-error.js';

export type { RemoteProcess };

/** This process, seen from a cluster pool: called on the worker's side for each result it returns. */
export function thisProcess(worker: string): RemoteProcess {
  return { host: hostname(), pid: process.pid, worker };
}
