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
  pool: 'Pool: map, starmap, apply, applyAsync/mapAsync/starmapAsync with AsyncResult, close, terminate, join',
  'pool.imap': 'Pool.imap and Pool.imapUnordered',
  'pool.initializer': 'Pool(initializer, initargs)',
  'pool.maxtasks': 'Pool(maxTasksPerChild): workers replaced after that many tasks',
  'pool.callbacks': 'applyAsync/mapAsync callback and errorCallback',
} as const;
export type Capability = keyof typeof CAPABILITIES;

/**
 * The task catalog: named tasks every implementation provides with the same behaviour, so a rule can say
 * "run exitWith(3)" on any implementation. Paths are files a rule reads afterwards to see what a child did.
 */
export const TASKS = {
  noop: 'returns at once',
  sleepFor: '(ms) sleeps ms milliseconds, then returns',
  exitWith: '(code) ends the process with that exit status (process.exit / sys.exit)',
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
  ignoreTerminate:
    '(path) ignores SIGTERM, writes "ready" to path, then sleeps 30 s (only kill() stops it early)',
  writeThenSleep: '(path, text, ms) writes text to path, then sleeps ms milliseconds',
  cpuBound: '(n) returns the sum of i * i for i < n, the seed\'s cpu_bound_task (exact for n <= 100000)',
  raiseTypeError: '(message) throws the language\'s built-in type error (TypeError in both) with that message',
  workerIdentity: '(_ignored) returns {name, pid, daemon} of currentProcess() in the worker',
  recordInit: '(path, value) initializer: appends "<pid> <value>\\n" to path and keeps value in module state',
  initValue: '(_ignored) returns the value the last recordInit stored in this process (null when none ran)',
  sleepThenExit: '(ms, code) sleeps ms milliseconds, then ends the process with that exit status',
} as const;
export type TaskName = keyof typeof TASKS;

export interface ProcessOptions {
  readonly target: TaskName;
  readonly args?: readonly unknown[];
  readonly name?: string;
  readonly daemon?: boolean;
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
}

/** @python multiprocessing.Pool(processes=, initializer=, initargs=, maxtasksperchild=) */
export interface PoolOptions {
  readonly processes?: number;
  readonly initializer?: TaskName;
  readonly initargs?: readonly unknown[];
  readonly maxTasksPerChild?: number;
}

/**
 * A Pool seen through the suite. Errors from tasks reject with an Error whose `name` is the error's class name
 * in the implementation's language (ValueError, TypeError, …) and whose message is the task's message.
 * imap/imapUnordered collect what the iterator yields, in the order it yields it.
 */
export interface PoolHandle {
  map(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<unknown[]>;
  starmap(task: TaskName, argLists: readonly (readonly unknown[])[], chunksize?: number): Promise<unknown[]>;
  apply(task: TaskName, args: readonly unknown[]): Promise<unknown>;
  applyAsync(task: TaskName, args: readonly unknown[]): Promise<AsyncResultHandle>;
  mapAsync(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<AsyncResultHandle>;
  starmapAsync(task: TaskName, argLists: readonly (readonly unknown[])[], chunksize?: number): Promise<AsyncResultHandle>;
  /** Iterates to the end; on an error, stops there: `values` holds what was yielded before it. */
  imap(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<IterationOutcome>;
  imapUnordered(task: TaskName, items: readonly unknown[], chunksize?: number): Promise<IterationOutcome>;
  close(): Promise<void>;
  terminate(): Promise<void>;
  join(): Promise<void>;
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

export interface ProcessInfo {
  readonly name: string;
  readonly pid: number;
  readonly daemon: boolean;
}

/** One isolated connection to an implementation: a rule gets its own and closes it afterwards. */
export interface Session {
  createProcess(options: ProcessOptions): Promise<ProcessHandle>;
  /** Only for implementations that claim `pool`. */
  createPool?(options: PoolOptions): Promise<PoolHandle>;
  /** currentProcess() as seen by the process that creates the processes (the parent). */
  currentProcess(): Promise<ProcessInfo>;
  cpuCount(): Promise<number>;
  /** Ends the session: kills every child it started and waits until they are gone. */
  close(): Promise<void>;
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
  /** Opens a session, or rejects with a reason when the implementation is not available on this machine. */
  open(): Promise<Session>;
}
