/**
 * A rejection checked for what it is, not only for its text: a real `Error` (an implementation that rejects with
 * plain `{ name, message, stack }` objects fails here) of the class the statement names, with a matching message.
 */
import { RuleFailure, show } from './expect.js';
import { settlesWithin } from './settles-within.js';

export interface ExpectedError {
  /** The class name the statement names (`ValueError`, `TimeoutError`, …). */
  readonly name: string;
  readonly message?: RegExp;
}

/** Awaits `action`, which must reject with an `Error` named `expected.name`; returns that error. */
export async function expectErrorRejection(action: () => Promise<unknown>, expected: ExpectedError, what: string, withinMs?: number): Promise<Error> {
  const promise = action();
  if (withinMs !== undefined) {
    const settled = promise.then(() => undefined, () => undefined);
    if (!(await settlesWithin(settled, withinMs))) throw new RuleFailure(what, `${expected.name} within ${withinMs} ms`, 'still pending');
  }
  let value: unknown;
  try {
    value = await promise;
  } catch (thrown) {
    expectErrorValue(thrown, expected, what);
    return thrown as Error;
  }
  throw new RuleFailure(what, `a rejection with ${expected.name}`, `no error (resolved with ${show(value)})`);
}

/** `thrown` must be an `Error` named `expected.name` whose message matches `expected.message`. */
export function expectErrorValue(thrown: unknown, expected: ExpectedError, what: string): asserts thrown is Error {
  if (!(thrown instanceof Error)) throw new RuleFailure(`${what} (rejected with an Error)`, `an Error named ${expected.name}`, thrown);
  if (thrown.name !== expected.name) throw new RuleFailure(`${what} (error class)`, expected.name, `${thrown.name}: ${thrown.message}`);
  if (expected.message !== undefined && !expected.message.test(thrown.message)) {
    throw new RuleFailure(`${what} (error message)`, `/${expected.message.source}/`, thrown.message);
  }
}
