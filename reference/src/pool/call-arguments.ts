/**
 * What a Pool method is given, checked before any work is submitted, so that a wrong value gets an error naming
 * the method, the parameter and the fix, not a TypeError from deep inside (Spread syntax requires …) or a call
 * that silently ignores it.
 */
import { describeValue } from '../describe-value.js';
import { closestName, didYouMean } from '../option-names.js';
import type { ResultCallbacks } from './async-result.js';
import { CALL_OPTION_KEYS, type CallOptions } from './cancel.js';

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

/**
 * The options of a method that takes no callbacks (apply, map, starmap, imap, imapUnordered): `{ signal, graceMs }`,
 * after the Python arguments. A function or callbacks here are Python's map_async habits: refused with the call
 * that takes them.
 */
export function checkCallOptions(value: unknown, method: string): CallOptions | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    const fix = typeof value === 'function' ? `; ${poolArityHint(method)([])}` : '';
    throw new TypeError(`Pool.${method}(…, options): options must be an object { ${CALL_OPTION_KEYS.join(', ')} }, got ${describeValue(value)}${fix}`);
  }
  for (const [key, given] of Object.entries(value)) {
    if (CALL_OPTION_KEYS.includes(key)) continue;
    const hint = closestName(key, CALLBACK_KEYS) !== undefined ? `; ${poolArityHint(method)([])}` : didYouMean(key, given, CALL_OPTION_KEYS);
    throw new TypeError(`Pool.${method}(…, options): unexpected option ${JSON.stringify(key)}${hint}; the options are ${CALL_OPTION_KEYS.join(', ')}`);
  }
  return value as CallOptions;
}

/** `{ callback, errorCallback }`, each a function when given; unknown keys are refused (Python's error_callback). */
export function checkCallbacks<T>(value: unknown, method: string, extraKeys: readonly string[] = []): ResultCallbacks<T> | undefined {
  if (value === undefined || value === null) return undefined;
  const keys = [...CALLBACK_KEYS, ...extraKeys];
  if (typeof value !== 'object' || Array.isArray(value)) {
    const fix = typeof value === 'function' ? '; a callback goes by name: write { callback: fn }' : '';
    throw new TypeError(`Pool.${method}(…, options): options must be an object { ${keys.join(', ')} }, got ${describeValue(value)}${fix}`);
  }
  for (const [key, given] of Object.entries(value)) {
    if (extraKeys.includes(key)) continue;
    if (!CALLBACK_KEYS.includes(key)) {
      let hint = didYouMean(key, given, keys);
      // Python passes kwds by position before the callbacks: { scale: 3 } here is the task's keyword arguments.
      if (hint === '' && extraKeys.includes('kwds')) hint = ` (the task's keyword arguments go in kwds: { kwds: { ${key}: … } })`;
      throw new TypeError(`Pool.${method}(…, options): unexpected option ${JSON.stringify(key)}${hint}; the options are ${keys.join(', ')}`);
    }
    if (given !== undefined && typeof given !== 'function') {
      throw new TypeError(`Pool.${method}(…, options): ${key} must be a function, got ${describeValue(given)}`);
    }
  }
  return value as ResultCallbacks<T>;
}

/**
 * A map's chunksize given in a Python shape: `{ chunksize: 2 }` (Python's keyword) or callbacks where the
 * chunksize goes (map_async(f, xs, callback=cb)). Refused with the call to write; anything else is left to
 * checkChunksize.
 */
export function checkChunksizeShape(value: unknown, method: string): void {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null || Array.isArray(value))) return;
  const keys = typeof value === 'object' ? Object.keys(value) : [];
  const call = `Pool.${method}(fn, iterable, chunksize)`;
  if (keys.includes('chunksize')) {
    const size = (value as { chunksize?: unknown }).chunksize;
    throw new TypeError(`${call}: chunksize goes by position: pool.${method}(f, xs, ${typeof size === 'number' ? size : 'n'})`);
  }
  const callbacks = typeof value === 'function' || keys.some((key) => closestName(key, CALLBACK_KEYS) !== undefined);
  if (!callbacks) return;
  const fix = method.endsWith('Async')
    ? `the callbacks come after the chunksize: pool.${method}(f, xs, undefined, { callback })`
    : method.startsWith('imap')
      ? `pool.${method}() takes no callbacks`
      : `pool.${method}() takes no callbacks: pool.${method}Async(f, xs, undefined, { callback })`;
  throw new TypeError(`${call}: chunksize must be a number, got ${describeValue(value)}; ${fix}`);
}

/** What too many arguments to a Pool method mean in Python, written the multiproc way (see arity.ts). */
export function poolArityHint(method: string): (args: readonly unknown[]) => string {
  return (args) => {
    switch (method) {
      case 'map':
      case 'starmap':
        return `pool.${method}(f, xs, chunksize, { signal }) takes no callbacks: Python's ${method}_async(f, xs, chunksize, callback) is ` +
          `pool.${method}Async(f, xs, chunksize, { callback })`;
      case 'mapAsync':
      case 'starmapAsync': {
        const python = method === 'mapAsync' ? 'map_async' : 'starmap_async';
        return `Python's ${python}(f, xs, chunksize, callback, error_callback) is pool.${method}(f, xs, chunksize, { callback, errorCallback })`;
      }
      case 'apply':
        return "Python's apply(f, args, kwds) is pool.apply(f, args, kwds); callbacks go with pool.applyAsync(f, args, { kwds, callback })";
      case 'applyAsync':
        return args.length >= 5
          ? "Python's apply_async(f, args, kwds, callback, error_callback) is pool.applyAsync(f, args, { kwds, callback, errorCallback })"
          : "Python's apply_async(f, args, kwds, callback) is pool.applyAsync(f, args, { kwds, callback })";
      case 'join':
        return "it takes no timeout (Python's Pool.join() has none either): it waits for the workers to exit, after close() or terminate()";
      case 'imap':
      case 'imapUnordered':
        return `pool.${method}() takes no callbacks: its arguments are pool.${method}(f, xs, chunksize, { signal, graceMs })`;
      default:
        return `its arguments are pool.${method}(f, xs, chunksize)`;
    }
  };
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
