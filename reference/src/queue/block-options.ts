/**
 * The options of Queue.put/get and of the Queue itself, checked. put/get take a timeout as every waiting method
 * does (a number of milliseconds, or `{ block, timeoutMs }`: timeouts.ts); Python's positional habits
 * (`get(False)`, `get(True, 0.1)`, `put(x, True, 0.1)`, `Queue(5)`) and misspelt keys (`timeout`, in seconds)
 * are refused at once with the form to write, in milliseconds, instead of being ignored (a get that was meant
 * not to block would wait for ever).
 */
import { secondsToMs } from '../arity.js';
import { describeValue } from '../describe-value.js';
import { didYouMean } from '../option-names.js';
import { readTimeout } from '../timeouts.js';

/** What a put or get waits for: `timeoutMs` undefined waits without limit (and is undefined when not blocking). */
export interface Wait {
  readonly block: boolean;
  readonly timeoutMs: number | undefined;
}

const BLOCKING: Wait = { block: true, timeoutMs: undefined };

/**
 * `options` of put/get (`method` is `Queue.put` or `Queue.get`): nothing, a number of milliseconds (blocking,
 * as `{ timeoutMs }`), or `{ block, timeoutMs }`.
 */
export function checkBlockOptions(options: unknown, method: string): Wait {
  if (options === undefined || options === null) return BLOCKING;
  if (typeof options === 'boolean') throw new TypeError(`${method}(options): options must be a number of milliseconds or { block, timeoutMs }, got ${describeValue(options)}; ${pythonBlockShape(method, [options])}`);
  const timeoutMs = readTimeout(options, method, ['block']);
  if (typeof options === 'number') return { block: true, timeoutMs };
  const { block } = options as { block?: unknown };
  if (block !== undefined && typeof block !== 'boolean') {
    throw new TypeError(`${method}(options): block must be true or false, got ${describeValue(block)}`);
  }
  return block === false ? { block: false, timeoutMs: undefined } : { block: true, timeoutMs };
}

/**
 * Python's positional `(block, timeout)` after put's item or as get's arguments, written the multiproc way:
 * `get(True, 0.1)` → `Queue.get({ block: true, timeoutMs: 100 })`. Undefined when `args` is not that shape.
 */
export function pythonBlockShape(method: string, args: readonly unknown[]): string | undefined {
  const [block, timeout] = args;
  if (typeof block !== 'boolean') return undefined;
  const put = method.endsWith('put');
  const python = `${put ? 'put(obj, ' : 'get('}${block ? 'True' : 'False'}, ${typeof timeout === 'number' ? String(timeout) : '…'})`;
  const ms = block && typeof timeout === 'number' && timeout >= 0 ? `, timeoutMs: ${secondsToMs(timeout)}` : '';
  const unit = ms === '' ? '' : ' (timeouts are in milliseconds)';
  return `Python's ${python} is ${method}(${put ? 'obj, ' : ''}{ block: ${block}${ms} })${unit}`;
}

const QUEUE_OPTIONS = ['maxsize'];

/** `new Queue(options)`: an object of `maxsize`, or nothing; `new Queue(5)` is refused with the form to write. */
export function checkQueueOptions(options: unknown): { maxsize?: unknown } {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    const python = typeof options === 'number' ? `; Python's Queue(${options}) is new Queue({ maxsize: ${options} })` : '';
    throw new TypeError(`new Queue(options): options must be an object { maxsize }, got ${describeValue(options)}${python}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!QUEUE_OPTIONS.includes(key)) {
      throw new TypeError(`new Queue(options): unexpected option ${JSON.stringify(key)}${didYouMean(key, value, QUEUE_OPTIONS)}; the only option is maxsize`);
    }
  }
  return options;
}

/** maxsize: an integer; 0 or less means unbounded, as in Python. */
export function checkMaxsize(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number') throw new TypeError(`options.maxsize must be an integer, got ${describeValue(value)}`);
  if (!Number.isInteger(value)) throw new RangeError(`options.maxsize must be an integer, got ${value}`);
  return value;
}
