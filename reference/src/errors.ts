/**
 * Every error class multiproc throws, in one place, so messages stay consistent and rules can match them.
 * Where Python has a message for the same situation, ours starts with Python's text and then says what to do.
 */
import { brand } from './brand.js';
import { describeThrown, isErrorLike, nameOf, reasonOf } from './describe-thrown.js';
import { oomHint } from './pool/oom-hint.js';

/** Base class of every error that multiproc itself raises (not of errors re-raised from a task). */
export class MultiprocError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }
}

/**
 * A method was called in a state that does not allow it (`start()` twice, `join()` before `start()`, …).
 * @python AssertionError / ValueError raised by multiprocessing.Process
 */
export class ProcessStateError extends MultiprocError {}

/** A wait ran out of time. @python multiprocessing.TimeoutError */
export class TimeoutError extends MultiprocError {}

/** A function passed as a target or task cannot be found by a child process. */
export class TaskReferenceError extends TypeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: 'TaskReferenceError', enumerable: false, configurable: true, writable: true });
  }
}

/** A value cannot be sent to another process. @python pickle.PicklingError */
export class SerializationError extends TypeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: 'SerializationError', enumerable: false, configurable: true, writable: true });
  }
}

/**
 * The call was aborted through its `signal`: it rejects with this at once, `cause` being the signal's reason.
 * Named as the platform's own abort errors are (fetch, timers/promises), so `error.name === 'AbortError'` tests
 * for both. @python — (multiprocessing has no cancellation)
 */
export class AbortError extends MultiprocError {}

/** A Pool method was called in a state that does not allow it. @python ValueError("Pool not running") */
export class PoolStateError extends MultiprocError {}

/** `successful()` was asked before the result was ready. @python ValueError("… not ready") */
export class NotReadyError extends MultiprocError {}

/** What we know about a pool worker that died with tasks in hand. */
export interface CrashDetails {
  readonly worker: string;
  readonly pid: number;
  /** Exit code in Python's convention: n, or -N for signal N. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly job: number;
  /** Index in the job's input of the first item of the lost chunk, and how many items it held. */
  readonly index: number;
  readonly count: number;
  /** The name the task function was registered under (its key in `tasks()`). */
  readonly task?: string | undefined;
  /** The last few KiB the worker wrote to its stderr, as text. */
  readonly stderrTail?: string | undefined;
  /** The worker's last RSS figure and its memory ceiling, when the pool keeps them (for the out-of-memory hint). */
  readonly lastRssMb?: number | undefined;
  readonly limitMb?: number | undefined;
  /** What the backend knows of the cause and its fix (a cluster chunk: why it was not run again), a line of the message. */
  readonly hint?: string | undefined;
}

/**
 * The worker running a task died (killed, `process.exit()` in the task, out of memory). Python's Pool hangs
 * forever in this case; ours rejects the task that was running and replaces the worker. The error says which
 * task and items, how the worker ended, what it last wrote to stderr, and whether it ran out of memory.
 */
export class WorkerCrashedError extends MultiprocError {
  readonly worker: string;
  readonly pid: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly job: number;
  readonly index: number;
  readonly count: number;
  /** The task's registered name, null when unknown. @python — */
  readonly task: string | null;
  /** The last few KiB (4 KiB) the worker wrote to its stderr, '' when nothing. @python — */
  readonly stderrTail: string;
  /** Whether the worker died of memory: its heap reached V8's limit, or it was killed past its ceiling. @python — */
  readonly oom: boolean;
  constructor(details: CrashDetails) {
    const stderrTail = details.stderrTail ?? '';
    const hint = oomHint({ stderrTail, signal: details.signal, lastRssMb: details.lastRssMb, limitMb: details.limitMb });
    super(crashMessage(details, stderrTail, hint));
    this.worker = details.worker;
    this.pid = details.pid;
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.job = details.job;
    this.index = details.index;
    this.count = details.count;
    this.task = details.task ?? null;
    this.stderrTail = stderrTail;
    this.oom = hint !== undefined;
  }
}

/** How much of the stderr tail the message shows: the rest is in the error's `stderrTail`. */
const MESSAGE_TAIL_LINES = 20;

/** First line what happened to which items; then the worker's last words, indented; then the cause and its fix. */
function crashMessage(details: CrashDetails, stderrTail: string, hint: string | undefined): string {
  const how = details.signal === null ? `exit code ${details.exitCode}` : `signal ${details.signal}`;
  const which = details.count === 1 ? `item ${details.index}` : `items ${details.index}–${details.index + details.count - 1}`;
  const task = details.task === undefined ? '' : ` (task ${details.task})`;
  const lines = [
    `pool worker ${details.worker} (pid ${details.pid}) died with ${how} while running ${which} of job ${details.job}${task}; ` +
      `the worker was replaced and the other tasks go on`,
  ];
  const tail = stderrTail.replace(/^\s*\n/, '').trimEnd().split('\n');
  const shown = tail.slice(-MESSAGE_TAIL_LINES);
  if (tail[0] !== '') {
    const more = tail.length > shown.length ? ` (its last ${shown.length} lines; error.stderrTail holds more)` : '';
    lines.push(`  its stderr ended with${more}:`, ...shown.map((line) => `    ${line}`));
  }
  if (details.hint !== undefined) lines.push(`  ${details.hint}`);
  if (hint !== undefined) lines.push(`  ${hint}`);
  else if (details.signal === 'SIGKILL') {
    lines.push('  SIGKILL comes from outside the worker: kill -9, a supervisor, or the system\'s out-of-memory killer (see dmesg)');
  }
  return lines.join('\n');
}

/**
 * A pool worker's initializer failed, so the pool cannot run tasks. Python respawns such workers forever;
 * ours stops, rejects every pending task with this error, and refuses new ones.
 */
export class InitializerError extends MultiprocError {}

/** The pool was terminated before this task finished. Python leaves such results pending forever. */
export class PoolTerminatedError extends MultiprocError {}

/**
 * A `callback` or `errorCallback` given to applyAsync, mapAsync or starmapAsync threw. The pool catches it: the
 * result keeps its value or error, the pool goes on, and this error (the thrown value as `cause`) goes to the
 * pool's `onCallbackError`, or to stderr. Python's result-handler thread dies of such a throw and its pool hangs.
 */
export class CallbackError extends MultiprocError {
  /** Which callback threw (`onProgress`: a call's progress listener). */
  readonly callback: 'callback' | 'errorCallback' | 'onProgress';
  /** The Pool method the callback was given to ('applyAsync', 'mapAsync', 'starmapAsync'). */
  readonly method: string;
  constructor(callback: 'callback' | 'errorCallback' | 'onProgress', method: string, thrown: unknown) {
    // Whatever the callback threw, a revoked Proxy included: building this error must not throw in its turn.
    const what = isErrorLike(thrown) ? `${nameOf(thrown)}: ${reasonOf(thrown)}` : describeThrown(thrown);
    super(
      `the ${callback} passed to Pool.${method} threw ${what}; the pool caught it: the result is unchanged and ` +
        'the pool goes on',
      { cause: thrown },
    );
    this.callback = callback;
    this.method = method;
  }
}

/** `get` found nothing before its timeout, or `getNowait` on an empty queue. @python queue.Empty */
export class QueueEmpty extends MultiprocError {}

/** `put` found no room before its timeout, or `putNowait` on a full queue. @python queue.Full */
export class QueueFull extends MultiprocError {}

/** The queue was closed, or the process that hosts it is gone. @python ValueError("Queue … is closed") */
export class QueueClosedError extends MultiprocError {}

/**
 * A Queue cannot be shared with another process: no socket could be made for it (no usable temporary
 * directory, or the system refused to listen). Python raises FileNotFoundError("No usable temporary directory
 * found in …") from tempfile.gettempdir() in the first case.
 */
export class QueueSocketError extends MultiprocError {}

/**
 * A task or target threw something that is not an Error (`throw 'text'`, `throw undefined`, a symbol): it
 * arrives wrapped, saying where it was thrown, with the value itself as `value` when it can cross.
 * @python TypeError("exceptions must derive from BaseException")
 */
export class ThrownValueError extends TypeError {
  /** What the task threw (a copy with markers, or undefined, when it could not cross as it was). */
  readonly value: unknown;
  constructor(message: string, value: unknown) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'ThrownValueError', enumerable: false, configurable: true, writable: true });
    this.value = value;
  }
}

/**
 * A child sent, on the channel the pool keeps to itself, a message that is not part of multiproc's protocol.
 * The pool killed that worker and replaced it; the tasks it held are rejected with this error.
 */
export class ProtocolError extends MultiprocError {}

/** What a TaskTimeoutError says about the task that ran out of time. */
export interface TaskTimeoutDetails {
  /** The task function's name. */
  readonly task: string;
  /** 'running': it ran longer than `timeoutMs`; 'queue': it did not start within `queueTimeoutMs` of its call. */
  readonly phase: 'running' | 'queue';
  /** How long it ran (or waited, for 'queue') when it was failed, and the limit it had, in ms. */
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  /** The worker that ran it (or held it); undefined when it had not reached one. */
  readonly pid: number | undefined;
  /** Index in the call's input of the task's first item, and how many items it held (a chunk of `chunksize`). */
  readonly index: number;
  readonly count: number;
}

/**
 * A pool task ran longer than its call's `timeoutMs` (or did not start within its `queueTimeoutMs`): it failed
 * with this, its `currentTask().signal` fired with this as its reason, and its worker, if the task did not
 * return within the call's grace period, was stopped and replaced. @python — (multiprocessing has no task timeouts)
 */
export class TaskTimeoutError extends MultiprocError {
  readonly task: string;
  readonly phase: 'running' | 'queue';
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  readonly pid: number | undefined;
  readonly index: number;
  readonly count: number;
  constructor(details: TaskTimeoutDetails) {
    const which = details.count === 1 ? `item ${details.index}` : `items ${details.index}–${details.index + details.count - 1} (${details.count} items)`;
    const where = details.pid === undefined ? '' : ` in worker pid ${details.pid}`;
    const elapsed = Math.round(details.elapsedMs);
    super(details.phase === 'running'
      ? `task ${details.task} (${which}) ran ${elapsed} ms${where}, past its timeoutMs of ${details.timeoutMs} ms; ` +
        'raise timeoutMs, or make the task watch currentTask().signal and return when it fires'
      : `task ${details.task} (${which}) never started: it waited ${elapsed} ms${where}, past its queueTimeoutMs of ` +
        `${details.timeoutMs} ms; raise queueTimeoutMs, or add processes`);
    this.task = details.task;
    this.phase = details.phase;
    this.elapsedMs = details.elapsedMs;
    this.timeoutMs = details.timeoutMs;
    this.pid = details.pid;
    this.index = details.index;
    this.count = details.count;
  }
}

/**
 * Pool workers kept exiting before they were ready, and there is no initializer to blame: the pool stopped
 * instead of starting workers forever.
 */
export class WorkerStartError extends MultiprocError {}

/**
 * The cluster pool (`new Pool({ cluster })`) could not do its part: Redis did not answer within the bound, a
 * chunk's job vanished from Redis or was refused by a worker, or BullMQ is not installed. The message names the
 * connection (never its password) and the fix. @python — multiprocessing has no cluster pool.
 */
export class ClusterError extends MultiprocError {}

// Subclasses inherit the brand and the check: `instanceof QueueEmpty` holds for another copy's QueueEmpty.
for (const base of [MultiprocError, TaskReferenceError, SerializationError, ThrownValueError]) brand(base);

