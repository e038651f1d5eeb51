/**
 * Where a task that threw on a cluster worker command really ran. The pool's slot for a cluster link has no
 * process of its own (its pid is 0), so a task error would otherwise say "pool worker PoolWorker-1 (pid 0)":
 * the worker command says instead which machine and which of its processes ran the chunk, and the parent puts
 * that in the error's origin (`raisedIn`) and in the line below its stack. Only a failed chunk carries it.
 */
import { hostname } from 'node:os';
import type { Origin } from '../../remote-error.js';

/** A process on a worker machine: `pid` is that machine's. `worker`: the worker command it belongs to (`host:pid`). */
export interface RemoteProcess {
  readonly host: string;
  readonly pid: number;
  readonly worker: string;
}

/** This process, seen from a cluster pool: called on the worker's side when a chunk fails. */
export function thisProcess(worker: string): RemoteProcess {
  return { host: hostname(), pid: process.pid, worker };
}

/** The origin of an error raised by `remote` on item `index` of job `job`. */
export function remoteOrigin(remote: RemoteProcess, job: number, index: number): Origin {
  const host = String(remote.host);
  const pid = Number(remote.pid);
  return {
    where: `worker process pid ${pid} on ${host} (multiproc worker ${String(remote.worker)}) on item ${index} of job ${job}`,
    process: `multiproc worker ${String(remote.worker)}`, pid, host, job, index,
  };
}
