/**
 * CPython's real `multiprocessing` seen through the conformance interface: the ground truth of the suite.
 * Each session spawns driver.py (one JSON line per request and per response, matched by id) in its own process
 * group, so that closing the session can kill Python's children and grandchildren along with the driver.
 */
import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { removeTempDir, SEMPREFIX_ENV, sessionSemprefix, sessionTempDir, sweepSemaphores } from './leftovers.js';
import type {
  AsyncResultHandle,
  Capability,
  IMapStep,
  Implementation,
  IterationOutcome,
  ParentInfo,
  PoolHandle,
  PoolOptions,
  ProcessHandle,
  ProcessInfo,
  ProcessOptions,
  QueueHandle,
  QueueOptions,
  Session,
} from '../../harness/implementation.js';

/** driver.py and tasks.py ship beside this module (copied next to the compiled one by the build). */
const DRIVER = fileURLToPath(new URL('./driver.py', import.meta.url));
/** The key of the marker that stands for a queue in arguments (driver.py QUEUE_MARK). */
const QUEUE_MARK = '@multiproc/queue';
/** How long close() lets the driver end on its own (stdin EOF) before killing its process group. */
const GRACE_MS = 2000;

/** The start methods of Python's multiprocessing; the driver uses one for everything it makes. */
export const START_METHODS = ['fork', 'spawn', 'forkserver'] as const;
export type StartMethod = (typeof START_METHODS)[number];

/** What picks a CPython column: `--impl cpython[:<method>][@<python>]`, or `cpythonImplementation(options)`. */
export interface CpythonOptions {
  /** Default `fork`: Linux's default before Python 3.14, and the column `--impl cpython` has always meant. */
  readonly startMethod?: StartMethod;
  /** The interpreter to run driver.py with. Default `python3` from PATH. */
  readonly python?: string;
}

/** The oldest Python the driver runs on: it needs multiprocessing.parent_process() (3.8) and `:=` (3.8). */
export const OLDEST_PYTHON = [3, 8] as const;

interface Python {
  readonly executable: string;
  readonly version: string;
}

function unavailable(command: string, reason: string): Error {
  return new Error(`${command} not available: ${reason.trim()}; the CPython column is skipped`);
}

const probed = new Map<string, Python | Error>();
/**
 * `python3` may be a pyenv shim costing ~90 ms a start: resolve the real interpreter once per command,
 * synchronously so that `name` and `description` can name the version. The probe runs on any Python, 2.7 included,
 * so that one too old is refused by its version, not by a syntax error in driver.py.
 */
function python(command: string): Python | Error {
  let found = probed.get(command);
  if (found === undefined) {
    try {
      const script = 'import sys; print(sys.executable); print("%d.%d.%d" % tuple(sys.version_info[:3]))';
      const [executable = '', version = ''] = execFileSync(command, ['-c', script], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 10_000,
      })
        .trim()
        .split('\n');
      found = executable === '' ? unavailable(command, `${command} printed no sys.executable`) : { executable, version };
      if (!(found instanceof Error) && tooOld(found.version)) {
        found = new Error(
          `CPython ${found.version} (${found.executable}) is older than ${OLDEST_PYTHON.join('.')}, the oldest the conformance ` +
            `driver runs on (it needs multiprocessing.parent_process() and assignment expressions): pass --python a 3.8 or newer interpreter`,
        );
      }
    } catch (error) {
      found = unavailable(command, (error as Error).message);
    }
    probed.set(command, found);
  }
  return found;
}

function tooOld(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < OLDEST_PYTHON[0] || (major === OLDEST_PYTHON[0] && minor < OLDEST_PYTHON[1]);
}

/**
 * A rejection carrying Python's exception: `name` is its type, `message` is `str(exception)`, exactly (as the
 * reference's errors carry their own name and message), so a report prints it as Python would: `Type: message`.
 */
function pythonError(type: string, message: string, remoteTraceback?: string): Error {
  const error = new Error(message);
  error.name = type;
  // The worker's traceback (RemoteTraceback, the exception's __cause__), for pool.remote-traceback.
  if (remoteTraceback !== undefined) Object.assign(error, { remoteTraceback });
  return error;
}

type Response =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { type: string; message: string; remoteTraceback?: string } };

interface Pending {
  readonly op: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class CpythonSession implements Session {
  readonly #driver: ChildProcessByStdio<Writable, Readable, null>;
  readonly #pending = new Map<number, Pending>();
  /** Resolves once the driver is gone and its stdout is drained (so no response is lost to the race). */
  readonly #gone: Promise<void>;
  #nextId = 1;
  /** Handle → the driver's queue number, for arguments that carry a handle to another process. */
  readonly #queueIds = new WeakMap<object, number>();
  #goneReason: string | undefined;
  #closing: Promise<void> | undefined;
  /** This session's semaphore names start with it: close() unlinks what killed processes left (leftovers.ts). */
  readonly #semprefix = sessionSemprefix();
  /** The session's own TMPDIR, removed by close() with what killed processes left there (leftovers.ts). */
  readonly #tempDir = sessionTempDir();

  constructor(executable: string, startMethod: StartMethod) {
    // Python's resource tracker (spawn, forkserver, and fork's Queues) warns of "leaked semaphore objects" when the
    // driver ends with os._exit: that is the session closing, not a rule's doing. Its -W reaches the tracker too.
    this.#driver = spawn(executable, ['-W', 'ignore::UserWarning:multiprocessing.resource_tracker', DRIVER, startMethod], {
      detached: true,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, [SEMPREFIX_ENV]: this.#semprefix, ...(this.#tempDir === undefined ? {} : { TMPDIR: this.#tempDir }) },
    });
    // Writing to a driver that died raises EPIPE here; the 'close' handler below reports the death instead.
    this.#driver.stdin.on('error', () => undefined);
    createInterface({ input: this.#driver.stdout }).on('line', (line) => this.#answer(line));
    this.#gone = new Promise((resolve) => {
      const gone = (reason: string) => {
        this.#goneReason ??= reason;
        for (const [id, pending] of this.#pending) {
          this.#pending.delete(id);
          pending.reject(new Error(`the CPython driver ${this.#goneReason} before answering "${pending.op}"`));
        }
        resolve();
      };
      this.#driver.on('error', (error) => gone(`failed: ${error.message}`));
      this.#driver.on('close', (code, signal) => gone(`exited (${signal ?? `code ${code}`})`));
    });
  }

  #answer(line: string): void {
    let response: Response;
    try {
      response = JSON.parse(line) as Response;
    } catch {
      return; // Not the protocol: nothing else writes to this pipe, but never let a stray line crash us.
    }
    const pending = this.#pending.get(response.id);
    if (pending === undefined) return;
    this.#pending.delete(response.id);
    if (response.ok) pending.resolve(response.value);
    else pending.reject(pythonError(response.error.type, response.error.message, response.error.remoteTraceback));
  }

  request<T>(op: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.#goneReason !== undefined) {
      return Promise.reject(new Error(`the CPython driver ${this.#goneReason}; cannot run "${op}"`));
    }
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { op, resolve: resolve as (value: unknown) => void, reject });
      this.#driver.stdin.write(`${JSON.stringify({ id, op, ...params })}\n`);
    });
  }

  /** A request whose answer is Python's None: resolves with undefined, as the contract's Promise<void>. */
  async command(op: string, params: Record<string, unknown> = {}): Promise<void> {
    await this.request(op, params);
  }

  /**
   * `value` with each QueueHandle of this session replaced by the driver's marker {"@multiproc/queue": n}, in
   * arrays and plain objects at any depth; the driver puts its multiprocessing.Queue in the marker's place.
   */
  #marked(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const queue = this.#queueIds.get(value);
    if (queue !== undefined) return { [QUEUE_MARK]: queue };
    if (Array.isArray(value)) return value.map((item) => this.#marked(item));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.#marked(item)]));
  }

  async createProcess(options: ProcessOptions): Promise<ProcessHandle> {
    const handle = await this.request<number>('create', {
      target: options.target,
      args: this.#marked(options.args ?? []),
      name: options.name,
      daemon: options.daemon,
      kwargs: this.#marked(options.kwargs),
      ...(options.captureStderr === true ? { captureStderr: true } : {}),
    });
    const call = <T>(op: string, params: Record<string, unknown> = {}) => this.request<T>(op, { handle, ...params });
    const command = (op: string, params: Record<string, unknown> = {}) => this.command(op, { handle, ...params });
    return {
      start: () => command('start'),
      // JSON drops an undefined timeout, so Python sees None: wait for ever.
      join: (timeoutMs) => command('join', { timeout: timeoutMs }),
      isAlive: () => call<boolean>('is_alive'),
      terminate: () => command('terminate'),
      kill: () => command('kill'),
      close: () => command('close'),
      pid: () => call<number | null>('pid'),
      exitCode: () => call<number | null>('exitcode'),
      name: () => call<string>('name'),
      daemon: () => call<boolean>('daemon'),
      setDaemon: (value) => command('set_daemon', { value }),
      setName: (value) => command('set_name', { value }),
      stderr: () => call<string>('stderr'),
    };
  }

  async createPool(options: PoolOptions): Promise<PoolHandle> {
    const pool = await this.request<number>('pool_create', {
      processes: options.processes,
      initializer: options.initializer,
      initargs: this.#marked(options.initargs ?? []),
      maxtasksperchild: options.maxTasksPerChild,
    });
    const call = <T>(op: string, params: Record<string, unknown> = {}) => this.request<T>(op, { pool, ...params });
    const command = (op: string) => this.command(op, { pool });
    // A missing chunksize is dropped by JSON: Python then uses its default.
    const submitted = async (op: string, params: Record<string, unknown>) => this.#asyncResult(await call<number>(op, params));
    const m = (value: unknown) => this.#marked(value);
    return {
      map: (task, items, chunksize) => call<unknown[]>('pool_map', { task, items: m(items), chunksize }),
      starmap: (task, items, chunksize) => call<unknown[]>('pool_starmap', { task, items: m(items), chunksize }),
      apply: (task, args, kwds) => call<unknown>('pool_apply', { task, args: m(args), kwds: m(kwds) }),
      applyAsync: (task, args, options) =>
        submitted('pool_apply_async', {
          task,
          args: m(args),
          ...(options?.callbacksThrow === true ? { callbacksThrow: true } : {}),
          ...(options?.kwds === undefined ? {} : { kwds: m(options.kwds) }),
        }),
      mapAsync: (task, items, chunksize) => submitted('pool_map_async', { task, items: m(items), chunksize }),
      starmapAsync: (task, items, chunksize) => submitted('pool_starmap_async', { task, items: m(items), chunksize }),
      imap: (task, items, chunksize) => call<IterationOutcome>('pool_imap', { task, items: m(items), chunksize }),
      imapUnordered: (task, items, chunksize) =>
        call<IterationOutcome>('pool_imap_unordered', { task, items: m(items), chunksize }),
      withInput: async (method, task, input, chunksize) => {
        const value = await call<unknown>('pool_with_input', { method, task, input: m(input), chunksize });
        // map_async and starmap_async answer with a result handle.
        return (method === 'mapAsync' || method === 'starmapAsync' ? this.#asyncResult(value as number) : value) as never;
      },
      imapIterator: async (task, input, chunksize, options) => {
        const iterator = await call<number>('pool_imap_iterator', { task, input: m(input), chunksize, ordered: options?.ordered !== false });
        return {
          // JSON drops an undefined timeout, so Python sees None: wait for ever.
          next: (timeoutMs) => this.request<IMapStep>('imap_next', { iterator, timeout: timeoutMs }),
          close: () => this.command('imap_close', { iterator }),
        };
      },
      scope: async () => {
        const { enteredIsPool } = await call<{ enteredIsPool: boolean }>('pool_scope');
        return { enteredIsPool, leave: () => command('pool_scope_leave') };
      },
      close: () => command('pool_close'),
      terminate: () => command('pool_terminate'),
      join: () => command('pool_join'),
    };
  }

  async createQueue(options: QueueOptions = {}): Promise<QueueHandle> {
    const queue = await this.request<number>('queue_create', { maxsize: options.maxsize });
    const call = <T>(op: string, params: Record<string, unknown> = {}) => this.request<T>(op, { queue, ...params });
    // JSON drops an undefined block or timeout, so Python uses its defaults (block=True, timeout=None).
    const handle: QueueHandle = {
      put: (item, { block, timeoutMs } = {}) => this.command('queue_put', { queue, item, block, timeout: timeoutMs }),
      get: ({ block, timeoutMs } = {}) => call<unknown>('queue_get', { block, timeout: timeoutMs }),
      putNowait: (item) => this.command('queue_put_nowait', { queue, item }),
      getNowait: () => call<unknown>('queue_get_nowait'),
      qsize: () => call<number>('queue_qsize'),
      empty: () => call<boolean>('queue_empty'),
      full: () => call<boolean>('queue_full'),
      close: () => this.command('queue_close', { queue }),
    };
    this.#queueIds.set(handle, queue);
    return handle;
  }

  #asyncResult(result: number): AsyncResultHandle {
    const call = <T>(op: string, params: Record<string, unknown> = {}) => this.request<T>(op, { result, ...params });
    return {
      // JSON drops an undefined timeout, so Python sees None: wait for ever.
      get: (timeoutMs) => call<unknown>('ar_get', { timeout: timeoutMs }),
      wait: (timeoutMs) => this.command('ar_wait', { result, timeout: timeoutMs }),
      ready: () => call<boolean>('ar_ready'),
      successful: () => call<boolean>('ar_successful'),
      callbacks: () => call<Awaited<ReturnType<AsyncResultHandle['callbacks']>>>('ar_callbacks'),
    };
  }

  currentProcess(): Promise<ProcessInfo> {
    return this.request<ProcessInfo>('current_process');
  }

  cpuCount(): Promise<number> {
    return this.request<number>('cpu_count');
  }

  parentProcess(): Promise<ParentInfo | null> {
    return this.request<ParentInfo | null>('parent_process');
  }

  activeChildren(): Promise<ProcessInfo[]> {
    return this.request<ProcessInfo[]>('active_children');
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // EOF makes the driver kill its children and pool workers and exit, even in the middle of a join(), a map()
      // or a get() that waits for a task a dead worker lost (Python waits for ever there).
      this.#driver.stdin.end();
      await within(this.#gone, GRACE_MS);
      // Grandchildren (a child's own children) and a stuck driver share the driver's process group.
      const group = this.#driver.pid;
      if (group === undefined) return removeTempDir(this.#tempDir); // Never started.
      signalGroup(group, 'SIGKILL');
      await this.#gone;
      // SIGKILL is asynchronous: wait (bounded) until the group is empty, so callers see no survivors.
      const deadline = Date.now() + GRACE_MS;
      while (groupLives(group) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // The group's SIGKILL reached processes that had not unlinked their semaphores (the resource tracker too).
      sweepSemaphores(this.#semprefix);
      removeTempDir(this.#tempDir);
    })();
    return this.#closing;
  }
}

/** Sends `signal` to every process of the group; false when the group has no process left. */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody left.
  }
}

/**
 * Whether the group still has a living process. Orphans (a driver's children after the driver died, or
 * grandchildren) stay zombies for ever where init does not reap them (some containers): they count as gone.
 */
function groupLives(group: number): boolean {
  if (!signalGroup(group, 0)) return false;
  try {
    return readdirSync('/proc').some((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, , pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return state !== 'Z' && Number(pgid) === group;
      } catch {
        return false; // Not a process, or it ended while we read.
      }
    });
  } catch {
    return true; // No /proc (not Linux): trust kill(0).
  }
}

/** Waits for `promise` but no longer than `ms`; clears its timer so that it does not hold the event loop. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

const CAPABILITIES: readonly Capability[] = [
  'process',
  'process.kill',
  'process.close',
  'process.daemon',
  'process.current',
  'process.nested',
  'process.kwargs',
  'process.stderr',
  'process.parent',
  'process.active-children',
  'process.unsendable',
  'process.rename',
  'process.no-target',
  'pool',
  'pool.workers-here',
  'pool.imap',
  'pool.initializer',
  'pool.maxtasks',
  'pool.callbacks',
  'pool.callbacks.throwing',
  'pool.kwds',
  'pool.input',
  'pool.imap.next',
  'pool.scope',
  'pool.unsendable',
  'pool.remote-traceback',
  'queue',
  'queue.bounded',
  'queue.cross-process',
];

/**
 * CPython under one start method and interpreter. The name shows what differs from the default column `cpython`
 * (fork, python3): `cpython-spawn`, `cpython-3.8`, `cpython-3.13-forkserver`; the description names the version,
 * the method and the interpreter.
 */
export function cpythonImplementation(options: CpythonOptions = {}): Implementation {
  const startMethod = options.startMethod ?? 'fork';
  if (!START_METHODS.includes(startMethod)) {
    throw new Error(`unknown start method "${String(startMethod)}": one of ${START_METHODS.join(', ')}`);
  }
  const command = options.python ?? 'python3';
  const found = () => python(command);
  return {
    get name() {
      const interpreter = found();
      const version = options.python === undefined || interpreter instanceof Error ? [] : [interpreter.version.split('.').slice(0, 2).join('.')];
      return ['cpython', ...version, ...(options.startMethod === undefined ? [] : [startMethod])].join('-');
    },
    // Rules whose source is `beyond` ask for more than Python does: here their failures read "beyond Python".
    isPython: true,
    get python() {
      const interpreter = found();
      return interpreter instanceof Error ? undefined : { version: interpreter.version, startMethod };
    },
    get description() {
      const interpreter = found();
      return interpreter instanceof Error
        ? `CPython multiprocessing, ${startMethod} start method (${interpreter.message})`
        : `CPython ${interpreter.version} multiprocessing, ${startMethod} start method, driven over stdio (${interpreter.executable})`;
    },
    capabilities: new Set(CAPABILITIES),
    unsupported: { 'pool.input.async': 'Python has no async iterables as Pool input: its Pool takes sync iterables only' },
    async open(): Promise<Session> {
      const interpreter = found();
      if (interpreter instanceof Error) throw interpreter;
      const session = new CpythonSession(interpreter.executable, startMethod);
      try {
        // The first answer proves the interpreter runs the driver under that method (python may be broken).
        await session.request('hello');
      } catch (error) {
        await session.close();
        throw unavailable(command, (error as Error).message);
      }
      return session;
    },
  };
}

/**
 * The options a `--impl` spec names, or undefined when it names no CPython column: `cpython`, `cpython:spawn`,
 * `cpython@/path/to/python3`, `cpython:forkserver@/path/to/python3`. `python` (the CLI's `--python`) applies when
 * the spec names no interpreter itself.
 */
export function cpythonSpec(spec: string, python?: string): CpythonOptions | undefined {
  const match = /^cpython(?::([^@]*))?(?:@(.+))?$/.exec(spec);
  if (match === null) return undefined;
  const [, method, path] = match;
  if (method !== undefined && !(START_METHODS as readonly string[]).includes(method)) {
    throw new Error(`cannot load implementation "${spec}": the start method must be one of ${START_METHODS.join(', ')}`);
  }
  const interpreter = path ?? python;
  return {
    ...(method === undefined ? {} : { startMethod: method as StartMethod }),
    ...(interpreter === undefined ? {} : { python: interpreter }),
  };
}

/** `--impl cpython`: fork, python3. */
export const implementation: Implementation = cpythonImplementation();

export default implementation;
