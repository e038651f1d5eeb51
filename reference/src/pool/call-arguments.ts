/**
 * What a Pool method is given, checked before any work is submitted, so that a wrong value gets an error naming
 * the method, the parameter and the fix, not a TypeError from deep inside (Spread syntax requires …) or a call
 * that silently ignores it.
 */
import { describeValue } from '../describe-value.js';
import type { ResultCallbacks } from './async-result.js';

/** `iterable` when it is an array or another iterable (or, where `asyncToo`, an async iterable). */
export function checkIterable<T>(value: T, method: string, asyncToo: boolean): T {
  const object = Object(value) as object;
  if (value !== null && value !== undefined && typeof value !== 'string' &&
    (Symbol.iterator in object || (asyncToo && Symbol.asyncIterator in object))) {
    return value;
  }
  throw new TypeError(
    `Pool.${method}(fn, iterable): iterable must be an array or another iterable${asyncToo ? ' (sync or async)' : ''}, ` +
      `got ${describeValue(value)}${typeof value === 'string' ? ' (wrap a single item in an array)' : ''}`,
  );
}

/** The task's arguments: an array, or none (Python's `args=()`). */
export function checkArgs(value: unknown, method: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new TypeError(`Pool.${method}(fn, args): args must be an array of the task's arguments (Python: a tuple), got ${describeValue(value)}; ` +
    `write ${method}(fn, [${typeof value === 'object' ? '…' : JSON.stringify(value) ?? '…'}])`);
}

/** starmap: every item is the argument list of one call. */
export function checkArgLists(items: readonly unknown[], method: string): void {
  for (let i = 0; i < items.length; i++) {
    if (!Array.isArray(items[i])) {
      throw new TypeError(`Pool.${method}(fn, iterable): item ${i} must be an array of arguments for one call (Python: a tuple), ` +
        `got ${describeValue(items[i])}; for one argument per call use map()`);
    }
  }
}

const CALLBACK_KEYS = ['callback', 'errorCallback'];

/** `{ callback, errorCallback }`, each a function when given; unknown keys are refused (Python's error_callback). */
export function checkCallbacks<T>(value: unknown, method: string, extraKeys: readonly string[] = []): ResultCallbacks<T> | undefined {
  if (value === undefined || value === null) return undefined;
  const keys = [...CALLBACK_KEYS, ...extraKeys];
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`Pool.${method}(…, options): options must be an object { ${keys.join(', ')} }, got ${describeValue(value)}`);
  }
  for (const [key, given] of Object.entries(value)) {
    if (extraKeys.includes(key)) continue;
    if (!CALLBACK_KEYS.includes(key)) {
      const meant = key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
      const hint = keys.includes(meant) ? ` (did you mean ${meant}?)` : key === 'kwargs' && extraKeys.includes('kwds') ? ' (did you mean kwds?)' : '';
      throw new TypeError(`Pool.${method}(…, options): unexpected option ${JSON.stringify(key)}${hint}; the options are ${keys.join(', ')}`);
    }
    if (given !== undefined && typeof given !== 'function') {
      throw new TypeError(`Pool.${method}(…, options): ${key} must be a function, got ${describeValue(given)}`);
    }
  }
  return value as ResultCallbacks<T>;
}

/**
 * Keyword arguments (Python's `kwds`): a plain object the task receives as one more, last, argument, or none.
 * A Map, an array or a class instance is refused: the task could not tell it from a positional argument.
 */
export function checkKwds(value: unknown, method: string): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined || value === null) return undefined;
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) return value as Record<string, unknown>;
  throw new TypeError(`Pool.${method}(fn, args, kwds): kwds must be a plain object of keyword arguments ({ scale: 2 }), ` +
    `got ${describeValue(value)}; the task receives it as its last argument`);
}

/** The argument list a task is called with: `args`, then `kwds` when given (Python's func(*args, **kwds)). */
export function withKwds(args: readonly unknown[], kwds: Readonly<Record<string, unknown>> | undefined): readonly unknown[] {
  return kwds === undefined ? args : [...args, kwds];
}
