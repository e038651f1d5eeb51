/**
 * Python's class for a refusal, and the classes a TypeScript implementation gives the same refusal. A rule whose
 * statement says "raises ValueError" accepts Python's name or its counterpart here, never a plain `Error` (the
 * careless implementation's `throw new Error('Pool not running')`) and never a non-Error value.
 */

/** ValueError for an argument out of range (processes=0, chunksize=0): JavaScript's own class for it is RangeError. */
export const VALUE_ERROR_FOR_ARGUMENT = /^(?:ValueError|RangeError)$/;

/**
 * ValueError for a call the object's state does not allow (submit after close(), join() while running, successful()
 * before ready, a method of a closed Process): an implementation's own class for that state, `…StateError` or
 * `NotReadyError`, is its counterpart.
 */
export const VALUE_ERROR_FOR_STATE = /^(?:ValueError|[A-Z]\w*StateError|NotReadyError)$/;

/** ValueError for a call on a closed queue (Python 3.8+): an implementation's `…ClosedError` is its counterpart. */
export const VALUE_ERROR_FOR_CLOSED = /^(?:ValueError|[A-Z]\w*ClosedError)$/;
