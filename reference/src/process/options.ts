/**
 * What a Process is given, and the checks of it, in its options or later through its setters: Python asserts
 * that a name is a str; a value of the wrong type is refused here rather than coerced into something nobody
 * meant.
 */
import type { ChildEnv } from '../child-env.js';
import { describeValue } from '../describe-value.js';
import type { TaskFunction } from '../task-registry.js';

/** @python multiprocessing.Process(target=, args=, name=, daemon=) — `env` has no Python counterpart. */
export interface ProcessOptions<F extends TaskFunction> {
  /** A registered task function (see `tasks()`); it runs in the child with `args`. */
  readonly target: F;
  readonly args?: Parameters<F>;
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
}

/** Every option, so that a misspelt one is refused (as Python refuses an unexpected keyword argument). */
const OPTION_NAMES = Object.keys({ target: true, args: true, name: true, daemon: true, env: true } satisfies Record<keyof ProcessOptions<TaskFunction>, true>);

/**
 * `new Process(options)` needs an object of known options: anything else would fail later with a message about
 * `target`, and a misspelt or Python-only option (`kwargs`, `arg`) would be ignored.
 */
export function checkOptionsObject(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`new Process(options): options must be an object such as { target, args }, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (OPTION_NAMES.includes(key)) continue;
    const meant = OPTION_NAMES.find((name) => name.toLowerCase() === key.toLowerCase() || `${name}s` === key || name === `${key}s`);
    const hint = key === 'kwargs' ? ' (JavaScript has no keyword arguments: pass an object among args)' : meant === undefined ? '' : ` (did you mean ${meant}?)`;
    throw new TypeError(`new Process(options): unexpected option ${JSON.stringify(key)}${hint}; the options are ${OPTION_NAMES.join(', ')}`);
  }
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
