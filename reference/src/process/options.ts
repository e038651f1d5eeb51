/**
 * What a Process is given, and the checks of it, in its options or later through its setters: Python asserts
 * that a name is a str; a value of the wrong type is refused here rather than coerced into something nobody
 * meant.
 */
import type { Sendable, SendableArgs } from '../cloned.js';
import type { ChildEnv } from '../child-env.js';
import { describeValue } from '../describe-value.js';
import { didYouMean } from '../option-names.js';
import type { TaskFunction } from '../task-registry.js';

/**
 * The target's parameters but the last: what `args` holds when `kwargs` is given. Optional parameters count as
 * parameters, so `(path, x, { scale } = {})` gives `[path, x]`.
 */
export type LeadingParameters<F extends TaskFunction> = Required<Parameters<F>> extends readonly [...infer L, unknown] ? L : unknown[];
/** The target's last parameter: the options object that `kwargs` becomes. */
export type KeywordParameter<F extends TaskFunction> = Required<Parameters<F>> extends readonly [...unknown[], infer K] ? K : Record<string, unknown>;

/** What every Process takes besides its target and arguments. */
interface CommonOptions {
  /** Defaults to `Process-N`, counted as Python counts (`Process-1:2` for a grandchild). */
  readonly name?: string;
  /** Defaults to the current process's daemon flag, as in Python. */
  readonly daemon?: boolean;
  /**
   * The child's whole environment, as child_process's `env`; by default the parent's `process.env` at `start()`.
   * It replaces the environment: spread `process.env` to narrow it (`{ ...process.env, TOKEN: undefined }`; an
   * undefined value leaves the variable out), and keep what the child's loader needs (`NODE_OPTIONS`, if the
   * parent got tsx from there).
   */
  readonly env?: ChildEnv;
  /**
   * Where the child's stderr goes, as child_process's `stdio[2]` (a Node extension: Python's child writes to the
   * parent's stderr): `'inherit'` (the default) shares the parent's; `'pipe'` makes it readable as
   * `Process.stderr`, which must then be read (a full pipe stops a child that writes to it).
   */
  readonly stderr?: 'inherit' | 'pipe';
}

/**
 * @python multiprocessing.Process(target=, args=, kwargs=, name=, daemon=) — `env` and `stderr` have no Python
 * counterpart.
 *
 * `kwargs`, Python's keyword arguments, is one object that the target receives as its last parameter, after
 * `args` (JavaScript has no keyword arguments: a target takes them as `{ scale = 1, offset = 0 } = {}`). Unlike
 * Python's `kwargs={}`, which passes nothing, `kwargs: {}` passes an empty object: without `kwargs` nothing more
 * is passed.
 */
export type ProcessOptions<F extends TaskFunction> = CommonOptions &
  (
    | {
        /** A registered task function (see `tasks()`); it runs in the child with `args`. */
        readonly target: F;
        readonly args?: SendableArgs<Parameters<F>>;
        readonly kwargs?: undefined;
      }
    | {
        readonly target: F;
        /** The target's leading parameters; `kwargs` is its last. */
        readonly args?: SendableArgs<LeadingParameters<F>>;
        readonly kwargs: Sendable<KeywordParameter<F>>;
      }
  );

/** Every option, so that a misspelt one is refused (as Python refuses an unexpected keyword argument). */
const OPTION_NAMES = Object.keys({
  target: true,
  args: true,
  kwargs: true,
  name: true,
  daemon: true,
  env: true,
  stderr: true,
} satisfies Record<keyof ProcessOptions<TaskFunction>, true>);

/**
 * `new Process(options)` needs an object of known options: anything else would fail later with a message about
 * `target`, and a misspelt option (`arg`, `Daemon`) would be ignored.
 */
export function checkOptionsObject(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    const fix = typeof options === 'function' ? `; write new Process({ target: fn }) (Python's Process(target=fn))` : '';
    throw new TypeError(`new Process(options): options must be an object such as { target, args }, got ${describeValue(options)}${fix}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (OPTION_NAMES.includes(key)) continue;
    throw new TypeError(`new Process(options): unexpected option ${JSON.stringify(key)}${didYouMean(key, value, OPTION_NAMES)}; the options are ${OPTION_NAMES.join(', ')}`);
  }
}

/** What `new Process(a, b)` is told: Python's positional `Process(group, target, name, args)` go by name here. */
export function oneOptionsObject(args: readonly unknown[]): string {
  const python = args[0] === null || args[0] === undefined ? " (Python's Process(None, f, …) is new Process({ target: f, … }))" : '';
  return `everything goes in one options object: new Process({ target, args, kwargs, name, daemon })${python}`;
}

/** `args`: an array of the target's arguments, or none. */
export function checkArgs(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new TypeError(`new Process(options): args must be an array of arguments for the target (Python: a tuple), got ${describeValue(value)}; write args: [value]`);
}

/** @python assert isinstance(name, str), 'name must be a string' — `subject` says where the value came from. */
export function checkName(value: unknown, subject: string): string {
  if (typeof value !== 'string') throw new TypeError(`name must be a string: ${subject} ${describeValue(value)}`);
  return value;
}

/** Python stores any truthy value; a boolean is asked for here (README: differences from Python). */
export function checkDaemon(value: unknown, subject: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`daemon must be a boolean: ${subject} ${describeValue(value)}`);
  return value;
}

/**
 * `kwargs`: a plain object of the target's keyword arguments (Python: a mapping), or none. A class instance or
 * an array would reach the target as something else than what was meant (an array as one more positional list).
 */
export function checkKwargs(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return undefined;
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(
      `new Process(options): kwargs must be a plain object of keyword arguments such as { scale: 2 } (Python: a dict), got ${describeValue(value)}`,
    );
  }
  return value as Readonly<Record<string, unknown>>;
}

/** `stderr`: 'inherit' or 'pipe'. */
export function checkStderr(value: unknown): 'inherit' | 'pipe' {
  if (value === undefined || value === 'inherit' || value === 'pipe') return value ?? 'inherit';
  throw new TypeError(`new Process(options): stderr must be 'inherit' or 'pipe', got ${describeValue(value)}`);
}
