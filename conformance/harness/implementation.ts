/**
 * The contract between the conformance suite and an implementation under test. Rules see only this: never
 * the reference, never a driver. Every call is async so that an implementation may live in another process
 * (CPython's is driven over stdio).
 *
 * Contract for adapters (as promises-aplus says of its adapter): methods reject only for the reasons a rule
 * asks about (misuse, timeouts); a rejection's message carries the implementation's own text, so rules match
 * Python's wording with a regular expression.
 */

/** What an implementation may claim. A rule that needs a capability the implementation lacks is `unsupported`. */
export const CAPABILITIES = {
  process: 'Process: start, join with and without timeout, isAlive, terminate, exit codes, pid, name',
  'process.kill': 'Process.kill() sends SIGKILL',
  'process.close': 'Process.close() and the closed state',
  'process.daemon': 'daemonic processes: the flag, its default, and the rules about children',
  'process.current': 'currentProcess() inside a child reports that child',
  'process.nested': 'a child may start its own child processes',
  'process.kwargs': "ProcessOptions.kwargs: keyword arguments, which the target receives (in JavaScript, as its last argument)",
  'process.stderr': 'ProcessOptions.captureStderr and ProcessHandle.stderr(): what the child wrote to its stderr',
  'process.parent': 'Session.parentProcess() and the writeParent task: parent_process() in the main process and in a child',
  'process.active-children': 'Session.activeChildren(): the Processes the session started that are still running',
  'process.rename': 'ProcessHandle.setName(): the name may be set at any time, to a string only',
  'process.no-target': 'ProcessOptions.target null: a Process without a target (Python: target=None runs nothing)',
  'process.unsendable':
    'UNSENDABLE in Process args stands for a value of the language the implementation cannot send to another process (a function, a lambda)',
  pool: 'Pool: map, starmap, apply, applyAsync/mapAsync/starmapAsync with AsyncResult, close, terminate, join',
  'pool.workers-here':
    "the pool's workers run on this machine, started by the pool: what counts them (their pids, how many, which ran an initializer or a task) is the pool's processes argument's to bound",
  'pool.imap': 'Pool.imap and Pool.imapUnordered',
  'pool.initializer': 'Pool(initializer, initargs)',
  'pool.maxtasks': 'Pool(maxTasksPerChild): workers replaced after that many tasks',
  'pool.callbacks': 'applyAsync/mapAsync callback and errorCallback',
  'pool.callbacks.throwing': 'applyAsync(task, args, { callbacksThrow: true }): callbacks that record what they get, then throw',
  'pool.kwds': 'apply(task, args, kwds) and applyAsync(task, args, { kwds }): keyword arguments, given to the task as one more, last, argument',
  'pool.input':
    'PoolHandle.withInput(): map, starmap, mapAsync, starmapAsync, imap and imapUnordered over any iterable described by PoolInput',
  'pool.input.async': 'PoolInput { asyncIterable }: an async iterable as pool input (Python has none)',
  'pool.imap.next': 'PoolHandle.imapIterator(): stepping through imap/imapUnordered one item at a time, with next(timeoutMs)',
  'pool.scope': "PoolHandle.scope(): the pool as a scope (Python's with, await using): what entering gives, what leaving does",
  'pool.unsendable':
    'UNSENDABLE in task arguments, the returnUnsendable task and the unregistered task: what cannot cross to or from a worker',
  'pool.remote-traceback':
    "a task's error, as apply, map, starmap and AsyncResult.get raise it, carries remoteTraceback: the worker's traceback as text (Python's RemoteTraceback in __cause__, multiproc's stack)",
  'pool.cancel':
    'PoolHandle.cancellable(): a call given an abort signal (Python has none), PoolOptions.cancelGraceMs, and the tasks waitForAbort, ignoreAbort and recordItem',
  'pool.crash-diagnostics':
    'PoolHandle.crashReport(): what the error of a task whose worker died says (pid, exit code, signal, task, index, the end of ' +
    'its stderr, out of memory), PoolOptions.workerHeapMb, and the tasks writeStderrThenExit and exhaustHeap',
  'pool.timeout':
    'CancellableCall.timeoutMs, CancellableCall.queueTimeoutMs and PoolOptions.taskTimeoutMs (needs pool.cancel): a task that runs too long fails with TaskTimeoutError, sees its signal fire, and loses its worker past the grace period; one that waits too long to start fails and never runs (Python has none)',
  'pool.progress':
    'PoolHandle.progressing(): a call given a progress listener that hears the task report (Python has none) and its items finish, and the task reportProgress',
  'pool.recycle':
    'PoolOptions.maxMemoryPerChildMb: a worker whose RSS is past it after a task is replaced (Python has none), and the tasks allocate and recordRun',
  'pool.stats': "PoolHandle.stats(): the pool's figures (queued, running, completed, failed, workers recycled by reason) and each worker's",
  'pool.error-origin':
    "a task's error, as the parent re-raises it, names the pid of the process that raised it in its remote traceback (needs pool.remote-traceback; Python's names none), and the task raiseWithPid",
  'pool.chunks-by-work':
    "a map given no chunksize cuts its input into chunks of about 10–50 ms of measured work each (the cluster pool: Python cuts by item count), and PoolHandle.tasksDone() counts the tasks (chunks) the pool has finished",
  queue: 'Queue in one process: put/get (blocking, with timeout, without blocking), qsize, empty, full, close; Empty and Full errors',
  'queue.bounded': 'Queue({maxsize}): a bounded queue; full(), and Full from put/putNowait when there is no room',
  'queue.cross-process':
    'a QueueHandle in Process args or Pool initargs reaches that process as the same queue (and the tasks that use one)',
} as const;
export type Capability = keyof typeof CAPABILITIES;

/**
 * The error names rules expect (an Error's `name`, as the adapter hands the error to the suite), and when. Only a
 * name the implementation really gives may be reported: an adapter may translate its library's class to the
 * name here (QueueEmpty → 'Empty'), never make an error up where its library gives none.
 */
export const ERROR_NAMES = {
  ValueError: "a catalog task raised the language's ValueError (raiseError, risky, raiseAfter, …); JavaScript has none: define a class named ValueError in the adapter's tasks",
  TypeError: "raiseTypeError raised the language's built-in type error; or a call with an argument of the wrong type",
  TimeoutError: 'no result within the timeout given to AsyncResult.get or to the imap iterator\'s next (multiprocessing.TimeoutError)',
  Empty: 'a Queue get found no item: getNowait, get({ block: false }), or past its timeout (queue.Empty)',
  Full: 'a Queue put found no room: putNowait, put({ block: false }), or past its timeout (queue.Full)',
  WorkerCrashedError: 'a beyond rule: the worker running the task died (killed, process.exit); Python hangs instead',
  PoolStateError: 'the reference\'s class for a pool call its state refuses (join() while running); Python raises ValueError',
  NotReadyError: 'successful() before the result is ready (Python: ValueError)',
  RangeError: 'an argument out of range (processes=0, chunksize=0): JavaScript\'s class for Python\'s ValueError there',
  'ValueError or RangeError': 'an argument out of range, for rules whose statement says ValueError (VALUE_ERROR_FOR_ARGUMENT)',
  'ValueError or …StateError or NotReadyError': 'a call the object\'s state refuses: submit after close(), join() while running, a closed Process (VALUE_ERROR_FOR_STATE)',
  'ValueError or …ClosedError': 'a call on a closed Queue (VALUE_ERROR_FOR_CLOSED)',
} as const;

/**
 * The task catalog: named tasks every implementation provides with the same behaviour, so a rule can say
 * "run exitWith(3)" on any implementation. Paths are files a rule reads afterwards to see what a child did.
 */
export const TASKS = {
  noop: 'returns at once',
  sleepFor: '(ms) sleeps ms milliseconds, then returns',
  exitWith:
    '(code) ends the process with that exit status (process.exit / sys.exit), whatever the value: null, a string ' +
    'and numbers outside 0–255 are passed on as they are',
  killSelf: '(signal) sends the signal with that number to its own process',
  raiseError: '(message) throws an error with that message (ValueError in Python)',
  square: '(x) returns x * x',
  power: '(base, exp) returns base ** exp',
  slowSquare: '(x, ms = 300) sleeps ms milliseconds, returns x * x',
  risky: '(x) throws ValueError("Cannot process zero!") when x is 0, else returns 100 / x',
  getPid: '() returns the pid of the process running it',
  writeIdentity:
    '(path) writes JSON {name, pid, ppid, daemon} of currentProcess() in the child to path (ppid = parent pid)',
  appendToGlobal:
    '(path, value) pushes value onto a module-level list and writes the list as JSON to path (separate memory)',
  startChild:
    '(path) creates and starts a child process running noop, joins it, writes JSON {ok: true, name} to path; ' +
    'when starting fails writes {ok: false, error: message}',
  poolInChild:
    '(path, processes, xs) creates a Pool of that many workers in this process, maps square over xs, closes and joins ' +
    'it, writes JSON {ok: true, result} to path; when anything fails writes {ok: false, error: message}',
  ignoreTerminate:
    '(path) ignores SIGTERM, writes "ready" to path, then sleeps 30 s (only kill() stops it early)',
  writeThenSleep: '(path, text, ms) writes text to path, then sleeps ms milliseconds',
  cpuBound: '(n) returns the sum of i * i for i < n, the seed\'s cpu_bound_task (exact for n <= 100000)',
  raiseTypeError: '(message) throws the language\'s built-in type error (TypeError in both) with that message',
  workerIdentity: '(_ignored) returns {name, pid, daemon} of currentProcess() in the worker',
  recordInit: '(path, value) initializer: appends "<pid> <value>\\n" to path and keeps value in module state',
  initValue: '(_ignored) returns the value the last recordInit stored in this process (null when none ran)',
  sleepThenExit: '(ms, code) sleeps ms milliseconds, then ends the process with that exit status',
  scaled: '(x, kw) returns x * scale + offset, kw the keyword arguments { scale = 1, offset = 0 } (Python: def scaled(x, scale=1, offset=0))',
  returnUnsendable: '(_ignored) returns a value that cannot be sent back to the parent (a function in JavaScript, a lambda in Python)',
  unregistered:
    '(x) returns x, but the implementation cannot hand this task to a worker: a lambda in Python (pickle cannot find it), ' +
    'a function never registered with tasks() in multiproc',
  raiseAfter: '(ms, message) sleeps ms milliseconds, then throws ValueError(message)',
  rendezvous:
    '(dir, name, count, timeoutMs) creates the file name in dir, waits until dir holds count files (polling, at most ' +
    'timeoutMs), and returns how many files it saw: count only when count tasks ran at the same time, whatever the ' +
    'machine\'s speed',
  // Queue tasks: `queue` is a QueueHandle passed as an argument; the task uses the implementation's real queue.
  putItems: '(queue, items) puts each item in order (blocking, no timeout), then returns',
  putThenExit:
    '(queue, item, code) puts item, then ends the process at once with that exit status (process.exit / sys.exit)',
  getAndRecord:
    '(queue, path, count, timeoutMs) gets count items (each get waits at most timeoutMs) and writes them as a JSON ' +
    'list to path; when a get fails writes {error: name, items} instead (name "Empty" for queue.Empty / QueueEmpty, ' +
    'else the error\'s class name; items: what it got before)',
  putSquare: '(n, queue) the seed\'s compute_square: puts [n, n * n, pid] (a tuple in Python)',
  putLarge: '(queue, bytes) puts a string of that many "x" characters',
  readyThenGet:
    '(queue, path, timeoutMs) writes "ready" to path, then gets one item (waiting at most timeoutMs) and returns',
  putThenNest:
    '(queue, first, second) puts first, then starts a child process running putItems(queue, [second]) with the queue it ' +
    'was given, joins it, and returns',
  putMany:
    '(queue, count, size) puts count strings of size characters in order, the i-th (from 0) being "<i>:" followed by "x" ' +
    'up to size (blocking, no timeout), then returns',
  queueSize: '(queue, path) writes queue.qsize() as JSON to path',
  putThenKill: '(queue, item) puts item, then sends SIGKILL to its own process (after put returned)',
  hostQueueThenExit:
    '(path, timeoutMs) creates a Queue in this process, starts a child running getAndRecord(queue, path, 2, ' +
    'timeoutMs), puts "first", waits until the child took it (qsize 0, at most 60 s), waits 200 ms more (the child ' +
    'is now waiting in its second get), then ends this process at once (process.exit(0) / os._exit(0)) without ' +
    'closing the queue',
  rememberQueue: '(queue) initializer: keeps queue in module state, for putOnRemembered',
  putOnRemembered: '(item) puts item on the queue the last rememberQueue kept in this process',
  writeScaled:
    '(path, x, kw) writes JSON x * scale + offset, scale and offset being keyword arguments (defaults 1 and 0): ' +
    'Python def write_scaled(path, x, scale=1, offset=0), TypeScript (path, x, { scale = 1, offset = 0 } = {})',
  writeParent: '(path) writes JSON of parent_process() / parentProcess() in the child: null, or {name, pid, alive} (alive: is_alive())',
  writePidThenDone: '(path, ms) writes its pid to path, sleeps ms milliseconds, then writes "done" to path + ".done"',
  endProgram:
    '(dir, how, ms, daemonicMs = 3 * ms) acts as a program that ends with children still running: starts a daemonic ' +
    'child running writePidThenDone(dir + "/daemonic", daemonicMs) and a non-daemonic one running writePidThenDone(dir + ' +
    '"/non-daemonic", ms), waits until both wrote their pid (at most 30 s), then ends: how "return" returns ' +
    'normally, "exit" ends at once (os._exit(0) / process.exit(0)), "kill" sends itself SIGKILL',
  sleepWithFinally:
    '(path, ms) writes JSON "ready" to path, then sleeps ms milliseconds inside try … finally, whose finally clause ' +
    'writes JSON "finally" to path + ".finally"',
  leaveWorkRunning:
    '(path, ms) leaves work running and returns at once: the work (a non-daemonic thread in Python, a timer in ' +
    'JavaScript) writes JSON "done" to path after ms milliseconds',
  workerParent: '(_ignored) returns parent_process() / parentProcess() in the worker as {name, pid}, or null',
  writeNewDaemonFlag: '(path) creates a Process running noop without a daemon flag, never starts it, and writes its daemon flag as JSON to path',
  watchParentDeath:
    '(dir) starts a non-daemonic child running reportParentLiveness(dir), then sleeps 300 s (a rule terminates it)',
  waitForAbort:
    '(path, ms) (pool.cancel) writes its pid to path, then waits at most ms for its call to be aborted, as the ' +
    'implementation tells a running task (multiproc: currentTask().signal), and writes "aborted" (or "timeout") to ' +
    'path + ".seen" and returns it',
  ignoreAbort: '(path, ms) (pool.cancel) writes its pid to path, sleeps ms milliseconds paying no heed to any abort, writes "done" to path + ".done" and returns its pid',
  recordItem: '([dir, x, ms]) (pool.cancel) creates the file dir/x holding its pid, sleeps ms milliseconds, returns x: which items ran, seen from outside',
  writeStderrThenExit:
    '(text, code) (pool.crash-diagnostics) writes text to its stderr, then ends the process with exit status code; with code ' +
    'null it returns its pid instead',
  exhaustHeap:
    '() (pool.crash-diagnostics) allocates memory it keeps until the language runtime gives up (V8 aborts past its heap ' +
    'limit): run it in a pool given a small workerHeapMb',
  reportProgress:
    '(n, ms) (pool.progress) reports 0, 1, …, n - 1 as its progress (multiproc: currentTask().progress(i)), ms milliseconds ' +
    'apart (0: all at once, synchronously), and returns n; a negative n raises ValueError("no progress to report") at once',
  raiseWithPid: '(path) (pool.error-origin) writes its pid to path, then raises ValueError("raised in a worker")',
  allocate: '(mb) (pool.recycle) holds mb MiB, every page written, until its worker exits; returns its pid',
  recordRun:
    '(dir, x, mb) (pool.recycle) appends its pid and a newline to the file dir/x (a task run twice leaves two lines), ' +
    'then holds mb MiB as allocate does (none when 0); returns x',
  reportParentLiveness:
    '(dir) writes its pid to dir + "/pid", then "alive" or "not alive" (parent_process().is_alive()) to dir + ' +
    '"/first"; then polls every 20 ms, at most 30 s, until its parent is not alive, and writes the same to dir + "/then"',
} as const;
export type TaskName = keyof typeof TASKS;

/**
 * A JSON stand-in for a value the implementation cannot send to another process: an adapter replaces
 * `{ "@multiproc/unsendable": true }`, wherever rules put it in arguments or queue items, by such a value of its
 * language (a function in JavaScript, a lambda in Python).
 */
export const UNSENDABLE_MARK = '@multiproc/unsendable';
export const UNSENDABLE = Object.freeze({ [UNSENDABLE_MARK]: true });

/**
 * Pool input described as data; the adapter builds a real iterable of its language from it:
 * - an array: a list;
 * - `{ generator }`: a generator that yields those items once (a second pass yields nothing);
 * - `{ range: [start, stop, step] }`: Python's range(start, stop, step) (step 1 when left out), a lazy iterable;
 * - `{ asyncIterable }` (needs `pool.input.async`): an async iterable of those items;
 * - `{ failingAfter, items }`: a generator that yields the first `failingAfter` items, then raises
 *   ValueError("input failed after <failingAfter> items") (CPython's test_*_handle_iterable_exception).
 */
export type PoolInput =
  | readonly unknown[]
  | { readonly generator: readonly unknown[] }
  | { readonly range: readonly [start: number, stop: number, step?: number] }
  | { readonly asyncIterable: readonly unknown[] }
  | { readonly failingAfter: number; readonly items: readonly unknown[] };

/** What each PoolHandle method that takes an input gives back through withInput(). */
export interface InputMethods {
  readonly map: unknown[];
  readonly starmap: unknown[];
  readonly mapAsync: AsyncResultHandle;
  readonly starmapAsync: AsyncResultHandle;
  readonly imap: IterationOutcome;
  readonly imapUnordered: IterationOutcome;
}

/** One step of an imap iterator: Python's next() returning a value, or raising StopIteration at the end. */
export type IMapStep = { readonly done: false; readonly value: unknown } | { readonly done: true };

/** @python multiprocessing.pool.IMapIterator, stepped by hand. */
export interface IMapIteratorHandle {
  /**
   * The next result. Rejects with the task's error at a failed item (the following calls go on with the next
   * items), or with an Error named TimeoutError when no result came within `timeoutMs` (the item is not lost: a
   * later call gets it). @python IMapIterator.next(timeout=None)
   */
  next(timeoutMs?: number): Promise<IMapStep>;
  /** Stops stepping; the adapter drops the iterator. */
  close(): Promise<void>;
}

/** The pool as a scope: Python's `with Pool() as p:`, multiproc's `await using pool = new Pool()`. */
export interface PoolScope {
  /** Whether what the scope binds (Python: what __enter__ returns) is the pool itself. */
  readonly enteredIsPool: boolean;
  /** Ends the scope without an error (Python: __exit__(None, None, None); multiproc: [Symbol.asyncDispose]()). */
  leave(): Promise<void>;
}

export interface ProcessOptions {
  /** null: no target (needs `process.no-target`); Python's Process(target=None) runs nothing and exits 0. */
  readonly target: TaskName | null;
  /**
   * JSON values, and QueueHandles of the same session (as an argument, or inside arrays and plain objects):
   * the adapter passes its real queue in their place (needs `queue.cross-process`).
   */
  readonly args?: readonly unknown[];
  readonly name?: string;
  readonly daemon?: boolean;
  /**
   * (needs `process.kwargs`) Keyword arguments for the target, JSON values: Python's `kwargs`; a JavaScript target
   * receives them as one object after `args`. Catalog tasks that take keyword arguments say so (`writeScaled`).
   */
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** (needs `process.stderr`) Keep what the child writes to its stderr, for ProcessHandle.stderr(). */
  readonly captureStderr?: boolean;
}

/** A Process, seen through the suite. Each method mirrors Python's `multiprocessing.Process`. */
export interface ProcessHandle {
  start(): Promise<void>;
  /** Resolves when the child exited or `timeoutMs` passed; never rejects on timeout. */
  join(timeoutMs?: number): Promise<void>;
  isAlive(): Promise<boolean>;
  terminate(): Promise<void>;
  kill(): Promise<void>;
  close(): Promise<void>;
  pid(): Promise<number | null>;
  exitCode(): Promise<number | null>;
  name(): Promise<string>;
  daemon(): Promise<boolean>;
  setDaemon(value: boolean): Promise<void>;
  /** (needs `process.rename`) Sets the name, as Python's `p.name = value`; rejects a value that is not a string. */
  setName?(value: string): Promise<void>;
  /**
   * (needs `process.stderr`, and `captureStderr` at creation) The text the child wrote to its stderr so far; once
   * join() has returned on an exited child, all of it.
   */
  stderr?(): Promise<string>;
}

/** @python multiprocessing.Pool(processes=, initializer=, initargs=, maxtasksperchild=) */
export interface PoolOptions {
  readonly processes?: number;
  readonly initializer?: TaskName;
  /** As ProcessOptions.args: QueueHandles are passed as the real queue. */
  readonly initargs?: readonly unknown[];
  readonly maxTasksPerChild?: number;
  /**
   * (needs `pool.cancel`) How long a running task whose call was aborted may take to return before its worker is
   * stopped and replaced, in ms.
   */
  readonly cancelGraceMs?: number;
  /**
   * (needs `pool.crash-diagnostics`) Each worker's heap limit in MB (Node: --max-old-space-size), so that exhaustHeap
   * ends its worker quickly.
   */
  readonly workerHeapMb?: number;
  /**
   * (needs `pool.timeout`) Every call's task timeout in ms, from when a task starts running in its worker: past it
   * the task fails with an error named TaskTimeoutError.
   */
  readonly taskTimeoutMs?: number;
  /** (needs `pool.recycle`) A worker whose resident set size is past this many MiB after a task is replaced. */
  readonly maxMemoryPerChildMb?: number;
}

/**
 * A Pool seen through the suite. Errors from tasks reject with an Error whose `name` is the error's class name
 * in the implementation's language (ValueError, TypeError, …) and whose message is the task's message.
 * imap/imapUnordered collect what the iterator yields, in the order it yields it.
 * With `pool.remote-traceback`, such an Error also has `remoteTraceback` (see RemoteTraceback): where in the worker it
 * was raised, as text.
 * Task arguments (items, argument lists, args) may hold QueueHandles as ProcessOptions.args do; whether the
 * implementation can send a queue to a pool task that way is for rules to find out (CPython cannot).
 */
export interface PoolHandle {
  map(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<unknown[]>;
  starmap(task: TaskName, argLists: readonly (readonly unknown[])[], chunksize?: number): Promise<unknown[]>;
  /** `kwds` (needs `pool.kwds`): keyword arguments, Python's apply(func, args, kwds). */
  apply(task: TaskName, args: readonly unknown[], kwds?: Readonly<Record<string, unknown>>): Promise<unknown>;
  applyAsync(task: TaskName, args: readonly unknown[], options?: SubmitOptions): Promise<AsyncResultHandle>;
  mapAsync(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<AsyncResultHandle>;
  starmapAsync(task: TaskName, argLists: readonly (readonly unknown[])[], chunksize?: number): Promise<AsyncResultHandle>;
  /** Iterates to the end; on an error, stops there: `values` holds what was yielded before it. */
  imap(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<IterationOutcome>;
  imapUnordered(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<IterationOutcome>;
  /**
   * (needs `pool.input`) `method` over the iterable `input` describes: what the method gives for an array, and
   * rejects where the method raises at the call (Python's map_async lists its input at once, so an input that
   * fails rejects here rather than at get()).
   */
  withInput?<M extends keyof InputMethods>(method: M, task: TaskName, input: PoolInput, chunksize?: number): Promise<InputMethods[M]>;
  /**
   * (needs `pool.imap.next`) imap (or imapUnordered with `ordered: false`), stepped one item at a time; rejects
   * where the call raises (a closed pool, a chunksize below 1).
   */
  imapIterator?(task: TaskName, input: PoolInput, chunksize?: number, options?: { readonly ordered?: boolean }): Promise<IMapIteratorHandle>;
  /**
   * (needs `pool.cancel`) Makes `call` with an abort signal the rule fires through the handle. The call is made
   * at once; its outcome is recorded by the adapter, never thrown.
   */
  cancellable?(call: CancellableCall): Promise<CancellableHandle>;
  /**
   * (needs `pool.crash-diagnostics`) Makes `call`, which the rule expects to end a worker, and reports what its error
   * says of the crash; never rejects for the call's own outcome.
   */
  crashReport?(call: CrashCall): Promise<CrashReport>;
  /**
   * (needs `pool.progress`) Makes `call` with a progress listener that records every update it hears, waits for
   * the call to settle, then `quietMs` more (what arrives then is recorded too), and gives what it recorded.
   */
  progressing?(call: ProgressCall): Promise<ProgressOutcome>;
  /** (needs `pool.stats`) What the pool and its workers are doing now, read at once (it waits for no task). */
  stats?(): Promise<PoolStatsView>;
  /** (needs `pool.scope`) Enters the pool's scope (Python's __enter__; await using). */
  scope?(): Promise<PoolScope>;
  /** (needs `pool.chunks-by-work`) The tasks (chunks) the pool has finished so far, returned or failed. */
  tasksDone?(): Promise<number>;
  close(): Promise<void>;
  terminate(): Promise<void>;
  join(): Promise<void>;
}

/**
 * (needs `pool.remote-traceback`) What a task's error carries besides its class and message: the traceback of the
 * worker that raised it, as text (Python: `str(error.__cause__)`, a RemoteTraceback; multiproc: the error's stack).
 */
export interface RemoteTraceback {
  readonly remoteTraceback?: string;
}

/** How applyAsync's callbacks behave. */
export interface SubmitOptions {
  /**
   * (needs `pool.callbacks.throwing`) The callback and the errorCallback record what they receive, as always,
   * then throw an Error("callback failed on purpose"), as a buggy callback would.
   */
  readonly callbacksThrow?: boolean;
  /** (needs `pool.kwds`) Keyword arguments: Python's apply_async(func, args, kwds). */
  readonly kwds?: Readonly<Record<string, unknown>>;
}

/** The Pool methods that take an abort signal. */
export type CancellableMethod = 'apply' | 'applyAsync' | 'map' | 'starmap' | 'imap' | 'imapUnordered' | 'mapAsync' | 'starmapAsync';

/** A call for PoolHandle.cancellable(). */
export interface CancellableCall {
  readonly method: CancellableMethod;
  readonly task: TaskName;
  /** The arguments for apply and applyAsync; the items for the others (argument lists for the star methods). */
  readonly payload: readonly unknown[];
  readonly chunksize?: number;
  /** The call's own grace period in ms (else the pool's cancelGraceMs). */
  readonly graceMs?: number;
  /** The signal is aborted (with the reason "aborted before the call") before the call is made. */
  readonly abortedBefore?: boolean;
  /**
   * (needs `pool.timeout`) How long each task of the call may run, in ms from when it starts in its worker (not
   * from the call): past it the task fails with TaskTimeoutError, its signal fires, and its worker is stopped
   * past `graceMs`.
   */
  readonly timeoutMs?: number;
  /** (needs `pool.timeout`) How long each task may wait to start, in ms from the call: past it, it fails with TaskTimeoutError and never runs. */
  readonly queueTimeoutMs?: number;
}

/**
 * How a cancellable call went so far. `error.cause` is the String() of the error's cause (the reason the signal
 * was aborted with, as the implementation keeps it). `afterwards` counts what the call delivered after it first
 * settled (a callback called again, an imap item after its error): 0 when nothing came.
 */
export interface CancellableOutcome {
  readonly settled: 'pending' | 'resolved' | 'rejected';
  readonly value?: unknown;
  readonly error?: { readonly name: string; readonly message: string; readonly cause?: string };
  readonly afterwards: number;
}

export interface CancellableHandle {
  /** Aborts the call's signal with `reason` (a string). */
  abort(reason: string): Promise<void>;
  outcome(): Promise<CancellableOutcome>;
}

/** A call for PoolHandle.crashReport(): apply(task, payload), or starmap(task, payload, chunksize). */
export interface CrashCall {
  readonly method: 'apply' | 'starmap';
  readonly task: TaskName;
  readonly payload: readonly unknown[];
  readonly chunksize?: number;
}

/**
 * How a call meant to crash its worker ended: resolved (with its value), or rejected with an error of that name and
 * message and what the error tells of the worker that died (fields left out when the error does not tell them).
 * `exitCode` in Python's convention (-N for signal N); `signal` the signal's name (SIGKILL); `task` the task's name;
 * `index` the position in the call's input of the first item of the lost chunk; `stderrTail` the last few KiB the
 * worker wrote to its stderr; `oom` whether the implementation says the worker ran out of memory.
 */
export interface CrashReport {
  readonly settled: 'resolved' | 'rejected';
  readonly value?: unknown;
  readonly name?: string;
  readonly message?: string;
  readonly pid?: number;
  readonly exitCode?: number | null;
  readonly signal?: string | null;
  readonly task?: string;
  readonly index?: number;
  readonly stderrTail?: string;
  readonly oom?: boolean;
}

/** A call for PoolHandle.progressing(). */
export interface ProgressCall {
  readonly method: CancellableMethod;
  readonly task: TaskName;
  /** The arguments for apply and applyAsync; the items for the others (argument lists for the star methods). */
  readonly payload: readonly unknown[];
  readonly chunksize?: number;
  /** How long to go on listening once the call settled, in ms (200 when left out). */
  readonly quietMs?: number;
}

/**
 * One update the listener heard: `done` items finished of `total` (undefined while unknown); when a task
 * reported, `value` (what it reported) and `index` (the item it was running); `afterSettled` when the call had
 * already settled then.
 */
export interface ProgressRecord {
  readonly done: number;
  readonly total?: number;
  readonly value?: unknown;
  readonly index?: number;
  readonly afterSettled: boolean;
}

/** How a progressing call went: as a CancellableOutcome, and every update heard, in the order heard. */
export interface ProgressOutcome {
  readonly settled: 'resolved' | 'rejected';
  readonly value?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
  readonly updates: readonly ProgressRecord[];
}

/** Why a worker was replaced: maxTasksPerChild, maxMemoryPerChildMb, an exit not asked for, a cancelled or timed-out task. */
export type RecycleReasonName = 'tasks' | 'memory' | 'crash' | 'timeout' | 'cancel';

/** PoolHandle.stats(). Counts are of tasks as the implementation cuts them (chunks), not of items. */
export interface PoolStatsView {
  /** The pool's size. */
  readonly processes: number;
  /** Tasks not started yet. */
  readonly queued: number;
  /** Tasks running now. */
  readonly running: number;
  /** Tasks that returned. */
  readonly completed: number;
  /** Tasks that raised, or whose worker died running them. */
  readonly failed: number;
  readonly recycled: Readonly<Record<RecycleReasonName, number>>;
  /** Every worker process the pool has now, retirees still leaving included. */
  readonly workers: readonly {
    readonly pid: number;
    readonly tasksDone: number;
    /** The worker takes no more work (it is leaving). */
    readonly retiring: boolean;
    /** Its resident set size in MiB, as last reported. */
    readonly rssMb?: number;
    readonly current: { readonly task: string; readonly index: number; readonly count: number } | null;
  }[];
}

export interface IterationOutcome {
  readonly values: unknown[];
  readonly error?: { readonly name: string; readonly message: string };
}

/** @python multiprocessing.pool.AsyncResult; callbacks are recorded by the adapter, in the parent. */
export interface AsyncResultHandle {
  get(timeoutMs?: number): Promise<unknown>;
  wait(timeoutMs?: number): Promise<void>;
  ready(): Promise<boolean>;
  successful(): Promise<boolean>;
  /** What the callback and errorCallback received so far (the adapter always passes both). */
  callbacks(): Promise<{ readonly values: unknown[]; readonly errors: { name: string; message: string }[] }>;
}

/** @python multiprocessing.Queue(maxsize=0); 0 or less means unbounded. */
export interface QueueOptions {
  readonly maxsize?: number;
}

/** @python Queue.put(obj, block=True, timeout=None) / Queue.get(block=True, timeout=None), in milliseconds. */
export interface QueueBlockOptions {
  readonly block?: boolean;
  /** Only when blocking; undefined waits without limit. */
  readonly timeoutMs?: number;
}

/**
 * A multiprocessing.Queue as seen from the process that created it (the parent). Items are JSON values.
 *
 * Errors: a get that finds no item (getNowait, get({block: false}), or past its timeout) rejects with an Error
 * whose `name` is 'Empty'; a put that finds no room rejects with `name` 'Full'. Those are Python's class names
 * (queue.Empty, queue.Full); an adapter maps its own (the reference's QueueEmpty → 'Empty', QueueFull → 'Full')
 * and keeps the implementation's message. Every other rejection keeps the implementation's name and message
 * (put after close: ValueError 'Queue <…> is closed' in Python, QueueClosedError in the reference).
 *
 * A handle may be passed in Process args, Pool initargs and Pool task arguments (see ProcessOptions.args).
 * Calls go one after another: CPython's driver serves one request at a time, so a blocking get or put must
 * have a timeout unless another process will end the wait.
 */
export interface QueueHandle {
  put(item: unknown, options?: QueueBlockOptions): Promise<void>;
  get(options?: QueueBlockOptions): Promise<unknown>;
  putNowait(item: unknown): Promise<void>;
  getNowait(): Promise<unknown>;
  qsize(): Promise<number>;
  empty(): Promise<boolean>;
  full(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ProcessInfo {
  readonly name: string;
  readonly pid: number;
  readonly daemon: boolean;
}

/** What parent_process() tells of the parent. */
export interface ParentInfo {
  readonly name: string;
  readonly pid: number;
}

/** One isolated connection to an implementation: a rule gets its own and closes it afterwards. */
export interface Session {
  createProcess(options: ProcessOptions): Promise<ProcessHandle>;
  /** Only for implementations that claim `pool`. */
  createPool?(options: PoolOptions): Promise<PoolHandle>;
  /** Only for implementations that claim `queue`; the session closes its queues when it closes. */
  createQueue?(options?: QueueOptions): Promise<QueueHandle>;
  /** currentProcess() as seen by the process that creates the processes (the parent). */
  currentProcess(): Promise<ProcessInfo>;
  cpuCount(): Promise<number>;
  /** (needs `process.parent`) parent_process() in the process that creates the processes: null in a main process. */
  parentProcess?(): Promise<ParentInfo | null>;
  /**
   * (needs `process.active-children`) active_children() in the process that creates the processes, narrowed to the
   * Processes of this session (several sessions may share that process): those started and still running, in
   * the order they were started.
   */
  activeChildren?(): Promise<ProcessInfo[]>;
  /** Ends the session: kills every child it started and waits until they are gone. */
  close(): Promise<void>;
}

/** The CPython an implementation is, for the few rules whose Python behaviour depends on it. */
export interface PythonFacts {
  /** `major.minor.micro`, as sys.version_info. */
  readonly version: string;
  readonly startMethod: 'fork' | 'spawn' | 'forkserver';
}

/** What an adapter module exports (as its default export or as `implementation`). */
export interface Implementation {
  readonly name: string;
  readonly description: string;
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * True for CPython itself: rules whose source is `beyond` ask for more than Python does, so when they fail
   * here the report says "beyond Python" instead of FAIL.
   */
  readonly isPython?: boolean;
  /**
   * Optional, for CPython only: its version ("3.13.0") and start method. A rule reads it (as `context.python`) where
   * Python's own behaviour depends on them, and says so in its statement; every other implementation leaves it out.
   */
  readonly python?: PythonFacts;
  /**
   * Optional: the catalog tasks this implementation provides. When present, the suite checks at load time that
   * they cover every task the rules of the claimed capabilities use, and names the missing ones.
   */
  readonly tasks?: readonly TaskName[];
  /**
   * Optional: the rules this implementation knowingly breaks, rule id → the reason (its declared deviations, as
   * test262 implementations keep expectation files). The report shows such a failure as "differs (declared)" with
   * the reason, never as a pass; a declared rule that passes is reported too, so the list stays true.
   */
  readonly deviations?: Readonly<Record<string, string>>;
  /** Optional: for a capability not claimed, why; the report shows it next to each rule it leaves unsupported. */
  readonly unsupported?: Readonly<Partial<Record<Capability, string>>>;
  /** Opens a session, or rejects with a reason when the implementation is not available on this machine. */
  open(): Promise<Session>;
}

/**
 * What a Session method of a capability the adapter does not claim can be: a pool-only library fills
 * `createProcess` with `notClaimed('process')`. The suite never calls it (no rule needing an unclaimed capability
 * runs); a call anyway rejects and says why.
 */
export function notClaimed(capability: Capability): () => Promise<never> {
  return () => Promise.reject(new Error(`this adapter does not claim '${capability}', so this method is not provided`));
}
