/**
 * What a throwing `callback` or `errorCallback` does (issue 14, defect 10). Python calls them on its result-handler
 * thread, which dies of the throw: the result is never set and the pool hangs. Thrown from our microtask, it
 * killed the whole program. A service wants neither: the throw is caught, the result keeps what it had, the pool
 * goes on, and the error is reported, never dropped: to the pool's `onCallbackError`, else on stderr, as Python
 * prints an exception that ends a thread.
 */
import { describeThrown, formatThrown, isErrorLike } from '../describe-thrown.js';
import { describeValue } from '../describe-value.js';
import { CallbackError } from '../errors.js';
import { isThenable } from '../is-thenable.js';

/** @python no equivalent: receives every error a result's callback threw. */
export type CallbackErrorHandler = (error: CallbackError) => void;

/** @internal Which Pool method took the callbacks, and who hears when one of them throws. */
export interface CallbackContext {
  readonly method: string;
  readonly onError: CallbackErrorHandler | undefined;
}

/**
 * Calls `callback(arg)`; whatever it throws is reported, never thrown on. So is the rejection of a promise it
 * returns: an async callback is the usual kind, and its rejection would end the program as an unhandled one.
 */
export function callGuarded<T>(callback: (arg: T) => unknown, arg: T, which: CallbackError['callback'], context: CallbackContext): void {
  const failed = (thrown: unknown): void => report(new CallbackError(which, context.method, thrown), context.onError);
  try {
    const returned = callback(arg);
    if (isThenable(returned)) returned.then(undefined, failed);
  } catch (thrown) {
    failed(thrown);
  }
}

/** `options.onCallbackError` checked: a function, or undefined to print to stderr. */
export function checkCallbackErrorHandler(value: unknown): CallbackErrorHandler | undefined {
  if (value === undefined || typeof value === 'function') return value as CallbackErrorHandler | undefined;
  throw new TypeError(`options.onCallbackError must be a function that takes a CallbackError, got ${describeValue(value)}`);
}

function report(error: CallbackError, handler: CallbackErrorHandler | undefined): void {
  if (handler === undefined) return print(error);
  const threw = (handlerThrew: unknown): void => print(error, { handlerThrew });
  try {
    // An async handler's rejection is a throw too: left alone, it would end the program as an unhandled one.
    const returned: unknown = handler(error);
    if (isThenable(returned)) returned.then(undefined, threw);
  } catch (handlerThrew) {
    threw(handlerThrew);
  }
}

function print(error: CallbackError, also?: { handlerThrew: unknown }): void {
  let text = `Exception in the ${error.callback} of Pool.${error.method}, caught: the result is unchanged and the pool goes on ` +
    `(handle errors inside the callback, or pass onCallbackError to new Pool()):\n${format(error.cause)}\n`;
  if (also !== undefined) text += `onCallbackError threw too:\n${format(also.handlerThrew)}\n`;
  try {
    process.stderr.write(text);
  } catch {
    // Nowhere left to report to; the pool still goes on.
  }
}

/** Whatever was thrown, hostile getters and revoked Proxies included: this runs while reporting, so it never throws. */
function format(thrown: unknown): string {
  return isErrorLike(thrown) ? formatThrown(thrown) : `${describeThrown(thrown)} (thrown, not an Error)`;
}
