/**
 * multiproc: Python's multiprocessing model (Process, Pool, Queue) for Node.js.
 */
export { Process, type ProcessOptions } from './process/process.js';
export type { KeywordParameter, LeadingParameters } from './process/options.js';
export { activeChildren } from './process/children.js';
export { currentProcess, cpuCount, parentProcess, type ParentProcessInfo, type ProcessInfo } from './identity.js';
export { tasks, type ErrorClass, type TaskFunction, type TaskRef, type ValueClass } from './task-registry.js';
export type { Cloned, NotSendable, RegisteredClasses, Sendable, SendableArgs } from './cloned.js';
export { isMain } from './is-main.js';
export type { CommonJSModule, ModuleMeta } from './module-ref.js';
export { toExitCode } from './exit-code.js';
export type { Timeout, TimeoutOptions } from './timeouts.js';
export {
  MultiprocError,
  ProcessStateError,
  TimeoutError,
  TaskReferenceError,
  SerializationError,
  ThrownValueError,
  ProtocolError,
} from './errors.js';
export type { ClusterOptions } from './backend/bullmq/cluster-options.js';
export { Pool, type PoolOptions, type ApplyOptions, type MapAsyncOptions, type ArgsBeforeKwds, type KwdsOf } from './pool/pool.js';
export type { CallOptions } from './pool/cancel.js';
export type { PoolStats, WorkerStats, RunningTaskStats, RecycleReason } from './pool/stats.js';
export { currentTask, type TaskContext } from './pool/current-task.js';
export type { ProgressListener, ProgressUpdate } from './pool/progress.js';
export type { IMapIterator } from './pool/imap.js';
export { AsyncResult, type ResultCallbacks } from './pool/async-result.js';
export type { CallbackErrorHandler } from './pool/callback-errors.js';
export {
  PoolStateError,
  NotReadyError,
  WorkerCrashedError,
  InitializerError,
  PoolTerminatedError,
  CallbackError,
  WorkerStartError,
  ClusterError,
  AbortError,
  type CrashDetails,
  TaskTimeoutError,
  type TaskTimeoutDetails,
} from './errors.js';
export { Queue, type QueueOptions, type BlockOptions } from './queue/queue.js';
export { QueueEmpty, QueueFull, QueueClosedError, QueueSocketError } from './errors.js';

// dist/chunk-task.js, the cluster worker command's chunk runner, uses this copy of the library (chunk-task-hook.ts).
import './backend/bullmq/chunk-task-hook.js';
