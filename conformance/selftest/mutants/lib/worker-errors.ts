/** Errors the parent raises by itself (misuse, timeouts), as opposed to errors a worker reported. */
const PARENT_ERRORS = new Set(['PoolStateError', 'TimeoutError', 'NotReadyError', 'PoolTerminatedError', 'RangeError', 'ProcessStateError']);

/** Whether `error` came from a worker: a task's error, a crash, an initializer that failed. */
export function fromWorker(error: unknown): boolean {
  return error instanceof Error && !PARENT_ERRORS.has(error.name);
}
