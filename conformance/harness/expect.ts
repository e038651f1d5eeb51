/**
 * Assertions for rules. A failure carries what was expected and what was observed, so the report can say
 * both without the rule formatting them.
 */
import { isDeepStrictEqual, inspect } from 'node:util';
import { settlesWithin } from './settles-within.js';

export class RuleFailure extends Error {
  readonly expected: string;
  readonly observed: string;
  constructor(what: string, expected: unknown, observed: unknown) {
    const e = show(expected);
    const o = show(observed);
    super(`${what}: expected ${e}, observed ${o}`);
    this.name = 'RuleFailure';
    this.expected = e;
    this.observed = o;
  }
}

export function show(value: unknown): string {
  if (typeof value === 'string') return value.startsWith('/') && value.endsWith('/') ? value : JSON.stringify(value);
  return inspect(value, { depth: 4, breakLength: Infinity });
}

/** Deep, strict equality. */
export function expectEqual(observed: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(observed, expected)) throw new RuleFailure(what, expected, observed);
}

export function expectTrue(condition: boolean, what: string, observed?: unknown): void {
  if (!condition) throw new RuleFailure(what, 'true', observed === undefined ? false : observed);
}

/** Awaits `action` and requires it to reject with a message matching `pattern`; returns the error. */
export async function expectRejects(action: () => Promise<unknown>, pattern: RegExp, what: string, withinMs?: number): Promise<Error> {
  let value: unknown;
  try {
    value = await (withinMs === undefined ? action() : settledWithin(action(), withinMs, what));
  } catch (error) {
    if (error instanceof RuleFailure) throw error; // Still pending at the bound.
    // A plain { name, message } object is not an error a caller can catch by class: the contract says Error.
    if (!(error instanceof Error)) throw new RuleFailure(`${what} (an Error instance)`, 'an Error', error);
    const message = error.message;
    if (!pattern.test(message)) throw new RuleFailure(`${what} (error message)`, `/${pattern.source}/`, message);
    return error;
  }
  throw new RuleFailure(what, `an error matching /${pattern.source}/`, `no error (resolved with ${show(value)})`);
}

/**
 * `promise`, or a RuleFailure once `ms` pass with it still pending: for refusals that should come at once, so that
 * an implementation that hangs instead fails in seconds rather than at the rule's time bound.
 */
async function settledWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const settled = promise.then(() => undefined, () => undefined); // Settling after we gave up is no unhandled rejection.
  if (!(await settlesWithin(settled, ms))) throw new RuleFailure(what, `settled within ${ms} ms`, 'still pending');
  return promise;
}

/** Polls `read` until `accept` holds or `withinMs` passes; returns the last value read. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The text a task wrote to `path`, once there is some (waiting up to `withinMs`). Not just once the file exists:
 * a task's writeFileSync creates the file empty before it writes, so a file seen at once may still read ''. Past
 * the bound, a RuleFailure that names `what` the file stands for.
 */
export async function readTextWritten(path: string, withinMs: number, what: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const deadline = Date.now() + withinMs;
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text !== '') return text;
    if (Date.now() >= deadline) throw new RuleFailure(what, `written within ${Math.round(withinMs / 1000)} s`, 'nothing');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a JSON file a task wrote, waiting up to `withinMs` for it to appear. */
export async function readJsonWritten<T = unknown>(path: string, withinMs = 5000): Promise<T> {
  const { readFile } = await import('node:fs/promises');
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch (error) {
      if (Date.now() >= deadline) throw new RuleFailure(`file written by the task at ${path}`, 'JSON', String(error));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** What an error must look like: its class name and its message, each exact (a string) or a pattern. */
export interface ErrorShape {
  readonly name: string | RegExp;
  readonly message?: string | RegExp;
}

/**
 * Requires `error` to be a real Error (not a plain `{ name, message }` object) whose name and message match `shape`:
 * a statement that names a class is checked by the class, not by the message text alone.
 */
export function expectError(error: unknown, shape: ErrorShape, what: string): asserts error is Error {
  if (!(error instanceof Error)) throw new RuleFailure(`${what} (an Error instance)`, `an Error named ${showPattern(shape.name)}`, error);
  if (!matches(error.name, shape.name)) throw new RuleFailure(`${what} (error class name)`, showPattern(shape.name), `${error.name}: ${error.message}`);
  if (shape.message !== undefined && !matches(error.message, shape.message)) {
    throw new RuleFailure(`${what} (error message)`, showPattern(shape.message), error.message);
  }
}

const matches = (text: string, expected: string | RegExp) => (typeof expected === 'string' ? text === expected : expected.test(text));
const showPattern = (expected: string | RegExp) => (typeof expected === 'string' ? expected : `/${expected.source}/`);
