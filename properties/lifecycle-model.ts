/**
 * A model of Python's Pool state machine, for fc.commands: RUN → CLOSE or TERMINATE (close() after
 * terminate() changes nothing); submissions outside RUN fail with "Pool not running"; join() in RUN fails with
 * "Pool is still running"; join() after close() returns once every submitted task has finished, so each
 * applyAsync result is then ready and successful. The commands drive any pool through `LifecyclePool`, so the
 * same model runs against the reference and against CPython.
 */
import { fc } from '@fast-check/ava';
import type { ExecutionContext } from 'ava';
import { within } from './harness.js';

/** What a submitted applyAsync gives back. */
export interface Submitted {
  get(timeoutMs?: number): Promise<unknown>;
  ready(): Promise<boolean>;
}

/** A pool whose task is `square`, seen by the commands. Submissions outside RUN reject. */
export interface LifecyclePool {
  map(xs: number[]): Promise<unknown[]>;
  apply(x: number): Promise<unknown>;
  applyAsync(x: number): Promise<Submitted>;
  close(): Promise<void>;
  terminate(): Promise<void>;
  join(): Promise<void>;
  /** The pool's own idea of its state, when it shows one (the reference's toString). */
  state?(): string;
  /**
   * True when terminate() settles the results it cuts short (the reference rejects them with
   * PoolTerminatedError); CPython leaves them pending forever.
   */
  readonly terminateSettles: boolean;
}

type State = 'RUN' | 'CLOSE' | 'TERMINATE';

export interface Model {
  state: State;
  /** join() returned after close() and before any terminate(): every submitted task has finished. */
  drained: boolean;
  /** One entry per applyAsync that was accepted, in order. */
  readonly submitted: { readonly x: number; cutShort: boolean }[];
}

export interface Real {
  readonly pool: LifecyclePool;
  readonly t: ExecutionContext;
  readonly results: Submitted[];
}

const NOT_RUNNING = /Pool not running/;
const STILL_RUNNING = /Pool is still running/;

async function outcome<T>(promise: Promise<T>, what: string): Promise<{ value: T } | { error: Error }> {
  return within(promise.then((value) => ({ value }), (error: Error) => ({ error })), what);
}

abstract class PoolCommand implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }
  abstract run(model: Model, real: Real): Promise<void>;
  abstract toString(): string;

  /** After every command: the pool says the state the model is in, when it can say. */
  protected checkState(model: Model, real: Real): void {
    if (real.pool.state !== undefined) real.t.regex(real.pool.state(), new RegExp(`state=${model.state}\\b`), `after ${this}`);
  }

  /** A submission: the value in RUN, "Pool not running" otherwise. */
  protected async submission<T>(model: Model, real: Real, call: () => Promise<T>, expected: unknown): Promise<T | undefined> {
    const got = await outcome(call(), String(this));
    if (model.state === 'RUN') {
      if ('error' in got) real.t.fail(`${this} in RUN failed: ${got.error.name}: ${got.error.message}`);
      else if (expected !== undefined) real.t.deepEqual(got.value, expected, String(this));
      this.checkState(model, real);
      return 'value' in got ? got.value : undefined;
    }
    if ('value' in got) real.t.fail(`${this} in ${model.state} should fail with "Pool not running"`);
    else real.t.regex(got.error.message, NOT_RUNNING, `${this} in ${model.state}`);
    this.checkState(model, real);
    return undefined;
  }
}

class MapCommand extends PoolCommand {
  constructor(readonly xs: number[]) { super(); }
  async run(model: Model, real: Real): Promise<void> {
    await this.submission(model, real, () => real.pool.map(this.xs), this.xs.map((x) => x * x));
  }
  toString(): string { return `map([${this.xs.join(',')}])`; }
}

class ApplyCommand extends PoolCommand {
  constructor(readonly x: number) { super(); }
  async run(model: Model, real: Real): Promise<void> {
    await this.submission(model, real, () => real.pool.apply(this.x), this.x * this.x);
  }
  toString(): string { return `apply(${this.x})`; }
}

class ApplyAsyncCommand extends PoolCommand {
  constructor(readonly x: number) { super(); }
  async run(model: Model, real: Real): Promise<void> {
    const submitted = await this.submission(model, real, () => real.pool.applyAsync(this.x), undefined);
    if (model.state === 'RUN' && submitted !== undefined) {
      model.submitted.push({ x: this.x, cutShort: false });
      real.results.push(submitted);
    }
  }
  toString(): string { return `applyAsync(${this.x})`; }
}

class CloseCommand extends PoolCommand {
  async run(model: Model, real: Real): Promise<void> {
    const got = await outcome(real.pool.close(), String(this));
    real.t.false('error' in got, `close() never fails (state ${model.state})`);
    if (model.state === 'RUN') model.state = 'CLOSE';
    this.checkState(model, real);
  }
  toString(): string { return 'close()'; }
}

class TerminateCommand extends PoolCommand {
  async run(model: Model, real: Real): Promise<void> {
    const got = await outcome(real.pool.terminate(), String(this));
    real.t.false('error' in got, `terminate() never fails (state ${model.state})`);
    // Results not known to have finished may be cut short.
    if (!model.drained) for (const entry of model.submitted) entry.cutShort = true;
    model.state = 'TERMINATE';
    this.checkState(model, real);
  }
  toString(): string { return 'terminate()'; }
}

class JoinCommand extends PoolCommand {
  async run(model: Model, real: Real): Promise<void> {
    const got = await outcome(real.pool.join(), String(this));
    if (model.state === 'RUN') {
      if ('value' in got) real.t.fail('join() in RUN should fail with "Pool is still running"');
      else real.t.regex(got.error.message, STILL_RUNNING, 'join() in RUN');
    } else if ('error' in got) {
      real.t.fail(`join() in ${model.state} failed: ${got.error.name}: ${got.error.message}`);
    }
    if (model.state === 'CLOSE') {
      model.drained = true;
      // Python's join() after close() waits for the work: every result is ready, and right.
      for (const [i, entry] of model.submitted.entries()) {
        real.t.true(await real.results[i]!.ready(), `applyAsync(${entry.x}) is ready after close(); join()`);
      }
    }
    this.checkState(model, real);
  }
  toString(): string { return 'join()'; }
}

const xs = fc.integer({ min: -20, max: 20 });

/** Random sequences of user actions on a pool. */
export const lifecycleCommands = fc.commands(
  [
    fc.array(xs, { maxLength: 4 }).map((list) => new MapCommand(list)),
    xs.map((x) => new ApplyCommand(x)),
    xs.map((x) => new ApplyAsyncCommand(x)),
    fc.constant(new CloseCommand()),
    fc.constant(new TerminateCommand()),
    fc.constant(new JoinCommand()),
  ],
  { maxCommands: 8 },
);

export const LIFECYCLE_GENERATOR = 'fc.commands (≤ 8) of map([..]), apply(x), applyAsync(x), close(), terminate(), join(); x in -20..20';

/**
 * Runs the commands on `pool`, then checks what the model says of every applyAsync result: the value when it
 * was not cut short by terminate(); when it was, the value or (where terminate settles them)
 * PoolTerminatedError, or (CPython) still pending.
 */
export async function runLifecycle(t: ExecutionContext, pool: LifecyclePool, commands: Iterable<fc.AsyncCommand<Model, Real>>): Promise<void> {
  const model: Model = { state: 'RUN', drained: false, submitted: [] };
  const real: Real = { pool, t, results: [] };
  if (pool.state !== undefined) t.regex(pool.state(), /state=RUN\b/, 'a new pool is in RUN');
  else t.pass('a new pool is in RUN (it shows no state)');
  await fc.asyncModelRun(() => ({ model, real }), commands);
  for (const [i, entry] of model.submitted.entries()) {
    const result = real.results[i]!;
    const what = `applyAsync(${entry.x})`;
    if (!entry.cutShort) {
      const got = await outcome(result.get(), `${what}.get()`);
      real.t.deepEqual('value' in got ? got.value : `${got.error.name}: ${got.error.message}`, entry.x * entry.x, what);
    } else if (pool.terminateSettles) {
      const got = await outcome(result.get(), `${what}.get() after terminate()`);
      if ('error' in got) real.t.is(got.error.name, 'PoolTerminatedError', `${what} cut short by terminate()`);
      else real.t.is(got.value, entry.x * entry.x, what);
    } else if (await result.ready()) {
      real.t.is(await within(result.get(), `${what}.get()`), entry.x * entry.x, what);
    }
  }
}
