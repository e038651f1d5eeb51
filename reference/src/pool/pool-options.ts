/**
 * The Pool's constructor arguments, checked before any worker starts: a value that is wrong gets an error naming
 * the option and the fix, never a silent default. Python's positional `Pool(4)` is accepted; its other positional
 * arguments are not (one spelling for the rest, by name, where every option has a name).
 */
import { checkEnv, type ChildEnv } from '../child-env.js';
import type { SendableArgs } from '../cloned.js';
import { describeValue } from '../describe-value.js';
import { cpuCount } from '../identity.js';
import { didYouMean } from '../option-names.js';
import { packQueues } from '../queue/transfer.js';
import { findInstances } from '../revive.js';
import { assertSerializable } from '../serialization.js';
import { resolveTask, type TaskFunction } from '../task-registry.js';
import { checkDuration } from '../timeouts.js';
import { checkCallbackErrorHandler, type CallbackErrorHandler } from './callback-errors.js';
import { checkGraceMs } from './cancel.js';
import { checkTaskTimeout } from './task-timeout.js';
import type { WorkerInit } from './worker-set.js';
import { checkClusterOptions, type ClusterOptions, type ClusterSettings } from '../backend/bullmq/cluster-options.js';
import { refuseEnv, refuseQueuesInInitargs } from '../backend/bullmq/cluster-refusals.js';

/** @python multiprocessing.Pool(processes=, initializer=, initargs=, maxtasksperchild=) */
export interface PoolOptions<I extends TaskFunction = TaskFunction> {
  /** Number of workers; defaults to cpuCount() (also when null, Python's None). */
  readonly processes?: number | null;
  /** A registered task run once in each worker before its first task. */
  readonly initializer?: I;
  /** The initializer's arguments, type-checked against its parameters. */
  readonly initargs?: SendableArgs<Parameters<I>>;
  /** Replace a worker after it has run this many tasks (chunks); unlimited by default. */
  readonly maxTasksPerChild?: number | null;
  /**
   * Receives a CallbackError each time a `callback` or `errorCallback` throws; without it, the error is printed to
   * stderr. Either way the result is unchanged and the pool goes on (Python's pool hangs).
   */
  readonly onCallbackError?: CallbackErrorHandler;
  /**
   * How long terminate() lets a worker stop on SIGTERM before it sends SIGKILL, in ms; 1000 by default.
   * Infinity never escalates (Python's behaviour: a worker that ignores SIGTERM then keeps join() waiting).
   */
  readonly terminateGraceMs?: number;
  /** Every worker's whole environment (see ProcessOptions.env); by default the parent's `process.env`. */
  readonly env?: ChildEnv;
  /**
   * How long a running task whose call was aborted (`{ signal }`) may take to return before its worker is
   * stopped and replaced, in ms; 1000 by default, each call's `graceMs` overrides it. Infinity never stops it.
   */
  readonly cancelGraceMs?: number;
  /**
   * Every call's `timeoutMs` unless it gives its own: how long a task may run once started before it fails with
   * TaskTimeoutError and its worker is stopped past the grace period; no limit by default.
   * @python — (multiprocessing has no task timeouts)
   */
  readonly taskTimeoutMs?: number;
  /**
   * Replace a worker whose resident set size (RSS) is past this many MiB after a task: it runs nothing more, the
   * tasks it holds go to other workers, and its replacement starts before it leaves. Unlimited by default.
   * @python — (Python's Pool has only maxtasksperchild)
   */
  readonly maxMemoryPerChildMb?: number | null;
  /**
   * Run the tasks on BullMQ workers (`npx multiproc worker`) on any machine that reaches this Redis, instead of
   * on child processes of this one; `processes` is then how many chunks the pool keeps in the cluster's hands.
   * @python — Ray's `ray.util.multiprocessing.Pool` is the nearest.
   */
  readonly cluster?: ClusterOptions;
}

/** What a Pool is made of, its options checked. */
export interface PoolSettings {
  readonly processes: number;
  /** SIGKILL this long after SIGTERM; undefined: never. */
  readonly terminateGraceMs: number | undefined;
  readonly onCallbackError: CallbackErrorHandler | undefined;
  /** What every worker is started with (the initargs' queues packed). */
  readonly init: WorkerInit;
  /** The workers' whole environment; the parent's when undefined. */
  readonly env: Readonly<Record<string, string>> | undefined;
  /** An aborted task's grace period; undefined: never stop its worker. */
  readonly cancelGraceMs: number | undefined;
  /** Every call's timeoutMs unless it gives its own; undefined: no limit. */
  readonly taskTimeoutMs: number | undefined;
  /** Where the workers are when they are not this process's children. */
  readonly cluster?: ClusterSettings;
}

/**
 * `new Pool(first, ...rest)` checked, before any worker starts. The checks that change nothing come first: a
 * Queue in the initargs starts its socket server when it is packed, last.
 */
export function readPoolOptions(first: unknown, rest: readonly unknown[]): PoolSettings {
  const { options, processes: processesName } = poolArguments(first, rest);
  const processes = checkProcesses(options.processes, processesName, cpuCount);
  const maxTasks = checkMaxTasks(options.maxTasksPerChild);
  const maxMemoryMb = checkMaxMemory(options.maxMemoryPerChildMb);
  const terminateGraceMs = checkTerminateGrace(options.terminateGraceMs);
  const cancelGraceMs = options.cancelGraceMs === undefined || options.cancelGraceMs === null
    ? DEFAULT_CANCEL_GRACE_MS
    : checkGraceMs(options.cancelGraceMs, 'options.cancelGraceMs');
  const taskTimeoutMs = options.taskTimeoutMs === undefined || options.taskTimeoutMs === null
    ? undefined
    : checkTaskTimeout(options.taskTimeoutMs, 'options.taskTimeoutMs');
  const onCallbackError = checkCallbackErrorHandler(options.onCallbackError);
  const initializer = options.initializer === undefined ? null : resolveTask(options.initializer, 'Pool initializer');
  const given = checkInitargs(options.initargs);
  const env = checkEnv(options.env, "the workers'");
  const cluster = options.cluster === undefined ? undefined : checkClusterOptions(options.cluster);
  if (cluster !== undefined) refuseQueuesInInitargs(given);
  if (cluster !== undefined) refuseEnv(options.env);
  const { value: initargs, queues: initQueues } = packQueues(given);
  assertSerializable(initargs, (i) => `Pool initargs[${i}]`);
  const initClasses = findInstances(initargs);
  return {
    processes, terminateGraceMs, onCallbackError, init: { initializer, initargs, initQueues, initClasses, maxTasks, ...maxMemoryMb }, env,
    cancelGraceMs: cancelGraceMs === Infinity ? undefined : cancelGraceMs, taskTimeoutMs,
    ...(cluster === undefined ? {} : { cluster }),
  };
}

/** Every option, so that a misspelt one is refused (as Python refuses an unexpected keyword argument). */
const OPTION_NAMES = Object.keys({
  processes: true,
  initializer: true,
  initargs: true,
  maxTasksPerChild: true,
  terminateGraceMs: true,
  onCallbackError: true,
  env: true,
  cancelGraceMs: true,
  taskTimeoutMs: true,
  maxMemoryPerChildMb: true,
  cluster: true,
} satisfies Record<keyof PoolOptions, true>);

/**
 * `new Pool(first, ...rest)` read as options: a number (or null) is Python's positional `processes`. `processes`
 * is how the process count was given, for errors that name it.
 */
export function poolArguments(first: unknown, rest: readonly unknown[]): { options: PoolOptions; processes: string } {
  const given = rest.findLastIndex((value) => value !== undefined);
  if (given !== -1) {
    throw new TypeError(
      `new Pool() takes only the number of processes by position, got ${given + 2} arguments; pass the others by ` +
        'name: new Pool({ processes, initializer, initargs, maxTasksPerChild })',
    );
  }
  if (first === undefined) return { options: {}, processes: 'options.processes' };
  if (first === null || typeof first === 'number') return { options: { processes: first }, processes: 'processes' };
  if (typeof first !== 'object' || Array.isArray(first)) {
    throw new TypeError(
      `new Pool() takes a number of processes or an options object, got ${describeValue(first)}; ` +
        'write new Pool(4) or new Pool({ processes: 4 })',
    );
  }
  for (const [key, value] of Object.entries(first)) {
    if (OPTION_NAMES.includes(key)) continue;
    throw new TypeError(
      `new Pool() got an unexpected option ${JSON.stringify(key)}${didYouMean(key, value, OPTION_NAMES)}; ` +
        `the options are ${OPTION_NAMES.join(', ')}`,
    );
  }
  return { options: first as PoolOptions, processes: 'options.processes' };
}

/** The process count checked (`name` says how it was given); undefined or null is `fallback`, Python's None. */
export function checkProcesses(value: unknown, name: string, fallback: () => number): number {
  if (value === undefined || value === null) return fallback();
  const fix = 'pass an integer such as 4, or leave it out for cpuCount()';
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number of worker processes, got ${describeValue(value)}; ${fix}`);
  if (value < 1) throw new RangeError(`Number of processes must be at least 1: ${name} is ${value}; ${fix}`);
  if (!Number.isInteger(value)) throw new RangeError(`Number of processes must be a whole number: ${name} is ${value}; ${fix}`);
  return value;
}

/** `options.maxTasksPerChild` checked: a positive integer, or null for no limit. @python maxtasksperchild */
export function checkMaxTasks(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  const shown = typeof value === 'number' ? String(value) : describeValue(value);
  const message = `maxtasksperchild must be a positive int or null: options.maxTasksPerChild is ${shown}`;
  throw typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}

/**
 * `options.maxMemoryPerChildMb` checked: a positive number of MiB, or null/undefined for no limit. Returned as
 * the init message's field, left out when there is no limit (the worker then reads no RSS per task).
 */
export function checkMaxMemory(value: unknown): { maxMemoryMb?: number } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'number' && value > 0 && Number.isFinite(value)) return { maxMemoryMb: value };
  const message = 'options.maxMemoryPerChildMb must be a positive number of MiB (a worker whose RSS is past it after ' +
    `a task is replaced), got ${typeof value === 'number' ? String(value) : describeValue(value)}; leave it out or pass null for no limit`;
  throw typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}

/** `options.initargs` checked: the initializer's arguments, as an array. */
export function checkInitargs(value: unknown): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`options.initargs must be an array of the initializer's arguments, got ${describeValue(value)}`);
  return value;
}

/** How long an aborted task may take to return before its worker is stopped, unless the pool or the call says otherwise. */
export const DEFAULT_CANCEL_GRACE_MS = 1000;

/** How long terminate() waits after SIGTERM before it sends SIGKILL, unless the pool says otherwise. */
export const DEFAULT_TERMINATE_GRACE_MS = 1000;

/**
 * `options.terminateGraceMs` checked: milliseconds, or undefined for Infinity (never escalate, as Python).
 * Left out, it is DEFAULT_TERMINATE_GRACE_MS.
 */
export function checkTerminateGrace(value: unknown): number | undefined {
  // null is Python's None, "not given", as for every other option.
  if (value === undefined || value === null) return DEFAULT_TERMINATE_GRACE_MS;
  const expected = 'options.terminateGraceMs must be a non-negative number of milliseconds ' +
    '(how long terminate() waits after SIGTERM before SIGKILL; Infinity never escalates, as Python)';
  const ms = checkDuration(value, expected);
  return ms === Infinity ? undefined : ms;
}
