/**
 * A rejection checked for what it is, not only for its text: a real `Error` (an implementation that rejects with
 * plain `{ name, message, stack }` objects fails here) of the class the statement names, with a matching message.
 */
import { expectError, RuleFailure, show } from './expect.js';
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
    expectError(thrown, expected, what);
    return thrown;
  }
  throw new RuleFailure(what, `a rejection with ${expected.name}`, `no error (resolved with ${show(value)})`);
}
