/**
 * One child process running one task, with Python's life cycle and exit codes.
 * @python multiprocessing.Process
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { checkArity, timeoutOnly } from '../arity.js';
import { refuseInDaemon, refuseWhileImportingTask } from '../bootstrapping.js';
import { checkEnv } from '../child-env.js';
import { childExecArgv } from '../child-flags.js';
import { ProcessStateError } from '../errors.js';
import { toExitCode } from '../exit-code.js';
import { currentProcess, selfAsParent, takeChildIdentity } from '../identity.js';
import type { ToProcessChild } from '../protocol.js';
import { decodeErrorBytes } from '../remote-error.js';
import { packQueues } from '../queue/transfer.js';
import { assertSerializable } from '../serialization.js';
import { resolveTask, type TaskFunction, type TaskRef } from '../task-registry.js';
import { delay, readTimeout, type Timeout } from '../timeouts.js';
import { childEntry } from './child-entry.js';
import { whenGone } from './child-gone.js';
import { endWithProgram } from './exit-hooks.js';
import { addChild, removeChild } from './children.js';
import { findInstances } from '../revive.js';
import { checkArgs, checkDaemon, checkKwargs, checkName, checkOptionsObject, checkStderr, oneOptionsObject, type ProcessOptions } from './options.js';

export type { ProcessOptions };

const CHILD_MAIN = childEntry(import.meta.url, 'child-main');

/** @python multiprocessing.Process */
export class Process<F extends TaskFunction = TaskFunction> {
  readonly #task: TaskRef;
  /** The target's arguments, `kwargs` last when it was given. */
  readonly #args: readonly unknown[];
  readonly #withKwargs: boolean;
  readonly #stderr: 'inherit' | 'pipe';
  /** join() calls now waiting for the child. */
  #joining = 0;
  /** Set when the program's end waits for this non-daemonic child (exit-hooks.ts). */
  #heldAtEnd = false;
  readonly #identity: readonly number[];
  #name: string;
  #daemon: boolean;
  readonly #env: Readonly<Record<string, string>> | undefined;
  #child: ChildProcess | undefined;
  #exitCode: number | null = null;
  #exited: Promise<void> | undefined;
  #error: unknown;
  #closed = false;

  /** @python Process(group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None), all by name here */
  constructor(options: ProcessOptions<F>) {
    if (arguments.length > 1) checkArity(arguments, 1, 'new Process', 1, oneOptionsObject);
    checkOptionsObject(options);
    this.#task = resolveTask(options.target, 'Process target');
    const args = checkArgs(options.args);
    const kwargs = checkKwargs(options.kwargs);
    this.#args = kwargs === undefined ? args : [...args, kwargs];
    this.#withKwargs = kwargs !== undefined;
    assertSerializable(this.#args, (i) => this.#argumentName(i));
    this.#stderr = checkStderr(options.stderr);
    this.#identity = takeChildIdentity();
    // null is "not given", as Python's None is.
    this.#name = options.name == null ? `Process-${this.#identity.join(':')}` : checkName(options.name, 'options.name is');
    this.#daemon = options.daemon == null ? currentProcess().daemon : checkDaemon(options.daemon, 'options.daemon is');
    this.#env = checkEnv(options.env, "the child's");
  }

  /** @python Process.name */
  get name(): string {
    return this.#name;
  }
  /** Settable at any time, even after `start()`: it is only a label, as in Python. */
  set name(value: string) {
    this.#name = checkName(value, 'Process.name was set to');
  }

  /** @python Process.daemon — settable only before `start()`. */
  get daemon(): boolean {
    return this.#daemon;
  }
  set daemon(value: boolean) {
    if (this.#child !== undefined) {
      throw new ProcessStateError('process has already started: set daemon before calling start()');
    }
    this.#daemon = checkDaemon(value, 'Process.daemon was set to');
  }

  /** The child's pid: null before `start()`. @python Process.pid */
  get pid(): number | null {
    this.#checkOpen();
    return this.#child?.pid ?? null;
  }

  /** null before start and while running, then 0, 1, n or -signal. @python Process.exitcode */
  get exitCode(): number | null {
    this.#checkOpen();
    return this.#exitCode;
  }

  /**
   * The error that made the target fail, rebuilt in the parent with the child's stack (undefined otherwise).
   * Python only prints it in the child; we print it too and also keep it here.
   */
  get error(): unknown {
    return this.#error;
  }

  /**
   * The child's stderr as a stream when the Process was made with `stderr: 'pipe'` (a Node extension), else null.
   * Available from `start()` on; it ends once the child and whatever inherited its stderr have exited.
   */
  get stderr(): Readable | null {
    return this.#child?.stderr ?? null;
  }

  /** @python Process.start() */
  start(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Process.start');
    this.#checkOpen();
    if (this.#child !== undefined) {
      throw new ProcessStateError('cannot start a process twice: create a new Process to run the target again');
    }
    // Before the daemon check: in an unguarded script that one would point at the wrong fix.
    refuseWhileImportingTask('Process.start()');
    refuseInDaemon('Process.start()');
    // Checked again: the args are sent now, not copied at construction, and may have changed since (Python
    // pickles them in start() too). A failed send after fork() would leave a child waiting forever.
    assertSerializable(this.#args, (i) => this.#argumentName(i));
    // Before fork(), like every step that can fail: queues in the args need their host's socket, which may not
    // be possible to make (no usable temporary directory), or may be closed.
    const { value: args, queues } = packQueues(this.#args);
    const child = fork(CHILD_MAIN, [], {
      execArgv: childExecArgv(),
      // A copy each time: Node adds NODE_V8_COVERAGE to the env it is given, and ours is frozen.
      ...(this.#env === undefined ? {} : { env: { ...this.#env } }),
      serialization: 'advanced',
      stdio: ['inherit', 'inherit', this.#stderr, 'ipc'],
    });
    if (child.pid === undefined) {
      // Spawning failed (EAGAIN, ENOMEM): Node reports it by an 'error' event without a pid.
      child.once('error', () => undefined);
      throw new ProcessStateError('could not start a child process: the system refused to create one');
    }
    this.#child = child;
    this.#exited = new Promise((resolve) => {
      // After the channel drains, so a failing target's error report has arrived when join() returns.
      whenGone(child, (code, signal) => {
        this.#exitCode = toExitCode(code, signal);
        removeChild(this);
        resolve();
      });
    });
    // Only the child's own report is read, and inside a try: a message that is anything else is ignored.
    child.on('message', (message: unknown) => {
      const report = message as { kind?: unknown; error?: unknown } | null;
      if (typeof report !== 'object' || report === null || report.kind !== 'target-error' || !(report.error instanceof Uint8Array)) return;
      const pid = child.pid ?? null;
      this.#error = decodeErrorBytes(report.error, { where: `process ${this.#name} (pid ${pid})`, process: this.#name, pid });
    });
    // A closed channel after the child died is expected; the 'exit' event tells the rest.
    child.on('error', () => undefined);
    const start: ToProcessChild = {
      kind: 'start',
      task: this.#task,
      args,
      queues,
      classes: findInstances(args),
      name: this.#name,
      daemon: this.#daemon,
      identity: this.#identity,
      parent: selfAsParent(),
    };
    child.send(start);
    addChild(this);
    endWithProgram(child, this.#daemon, (holds) => {
      this.#heldAtEnd = holds;
      this.#holdParentIfNeeded();
    });
  }

  /**
   * Resolves when the child has exited, or when `timeout` has passed: milliseconds, or `{ timeoutMs }` (it never
   * rejects on timeout: check `exitCode` or `isAlive()`, as in Python). @python Process.join(timeout=None)
   */
  async join(timeout?: Timeout): Promise<void> {
    if (arguments.length > 1) checkArity(arguments, 1, 'Process.join', 0, timeoutOnly('join'));
    this.#checkOpen();
    const limit = readTimeout(timeout, 'Process.join');
    const exited = this.#exited;
    if (exited === undefined) throw new ProcessStateError('can only join a started process: call start() first');
    if (this.#exitCode !== null) return;
    // While someone waits, the parent must stay alive (Python's join blocks); afterwards the child holds it only
    // once the program's work is done, and only if it is not daemonic (see exit-hooks.ts).
    this.#joining++;
    this.#holdParentIfNeeded();
    const { elapsed, timer } = delay(limit);
    try {
      await Promise.race([exited, elapsed]);
    } finally {
      timer.clear();
      this.#joining--;
      this.#holdParentIfNeeded();
    }
  }

  /** @python Process.is_alive() */
  isAlive(): boolean {
    if (arguments.length > 0) checkArity(arguments, 0, 'Process.isAlive');
    this.#checkOpen();
    return this.#child !== undefined && this.#exitCode === null;
  }

  /** Sends SIGTERM (exit code -15). @python Process.terminate() */
  terminate(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Process.terminate');
    this.#signal('SIGTERM', 'terminate');
  }

  /** Sends SIGKILL (exit code -9). @python Process.kill() */
  kill(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Process.kill');
    this.#signal('SIGKILL', 'kill');
  }

  /** Releases the process object; most methods throw afterwards. @python Process.close() */
  close(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Process.close');
    if (this.#child !== undefined && this.#exitCode === null) {
      throw new ProcessStateError(
        'Cannot close a process while it is still running. You should first call join() or terminate().',
      );
    }
    this.#child?.removeAllListeners('message');
    this.#closed = true;
  }

  /** `await using p = new Process(…)`: kills a child still running when the scope ends, then closes. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#closed) return;
    if (this.isAlive()) {
      this.kill();
      await this.join();
    }
    this.close();
  }

  toString(): string {
    const state = this.#closed
      ? 'closed'
      : this.#child === undefined
        ? 'initial'
        : this.#exitCode === null
          ? 'started'
          : `stopped exitcode=${this.#exitCode}`;
    return `<Process name='${this.#name}' ${state}${this.#daemon ? ' daemon' : ''}>`;
  }

  #signal(signal: NodeJS.Signals, method: string): void {
    this.#checkOpen();
    if (this.#child === undefined) {
      throw new ProcessStateError(`can only ${method} a started process: call start() first`);
    }
    // Signalling a child that already exited is a no-op, as in Python.
    if (this.#exitCode === null) this.#child.kill(signal);
  }

  /** How an argument is named in errors: `kwargs` is the last of the target's arguments when it was given. */
  #argumentName(index: number): string {
    return this.#withKwargs && index === this.#args.length - 1 ? 'Process argument kwargs' : `Process argument args[${index}]`;
  }

  /**
   * The child holds the parent's event loop while some join() waits for it (two joins may overlap: a bounded one
   * ending first must not let go) or once the program's end waits for it (exit-hooks.ts); otherwise it does not.
   * Its handle, its channel and a piped stderr each hold the loop, so all three go together.
   */
  #holdParentIfNeeded(): void {
    const child = this.#child;
    if (child === undefined) return;
    const holds = this.#joining > 0 || this.#heldAtEnd;
    const handles = [child, child.channel, child.stderr] as ({ ref(): void; unref(): void } | null | undefined)[];
    for (const handle of handles) {
      if (holds) handle?.ref();
      else handle?.unref();
    }
  }

  #checkOpen(): void {
    if (this.#closed) throw new ProcessStateError('process object is closed: create a new Process');
  }
}

/**
 * Python's spelling `p.exitcode`, refused: read from plain JavaScript it would be undefined, which a loop waiting
 * for "not None" reads as running for ever. Kept out of the class so the types do not offer it (TypeScript
 * already refuses the name).
 */
Object.defineProperty(Process.prototype, 'exitcode', {
  get(): never {
    throw new TypeError('Process has no exitcode: multiproc spells it exitCode (p.exitCode: null while running, then 0, 1, n or -signal)');
  },
});
