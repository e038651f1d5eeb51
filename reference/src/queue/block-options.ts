/**
 * The options of Queue.put/get and of the Queue itself, checked: Python's positional habits (`get(False)`,
 * `get(True, 0.1)`, `Queue(5)`) and misspelt keys (`timeout`, in seconds) are refused at once with the form to
 * write, instead of being ignored (a get that was meant not to block would wait for ever).
 */
import { describeValue } from '../describe-value.js';

const BLOCK_KEYS = ['block', 'timeoutMs'];

/** `options` of put/get: an object of `block` (boolean) and `timeoutMs`, or nothing. */
export function checkBlockOptions(options: unknown, method: string): { block?: unknown; timeoutMs?: unknown } {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    const python = typeof options === 'boolean'
      ? `; Python's ${method.split('.')[1]}(${options ? 'True' : 'False'}, …) is ${method}(${method.startsWith('Queue.put') ? 'item, ' : ''}{ block: ${options} })`
      : typeof options === 'number' ? `; a timeout goes by name, in milliseconds: ${method}(${method.startsWith('Queue.put') ? 'item, ' : ''}{ timeoutMs: ${options} })` : '';
    throw new TypeError(`${method}(options): options must be an object { block, timeoutMs }, got ${describeValue(options)}${python}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!BLOCK_KEYS.includes(key)) {
      const hint = key === 'timeout' ? ' (did you mean timeoutMs? it is in milliseconds, where Python\'s timeout is in seconds)' : '';
      throw new TypeError(`${method}(options): unexpected option ${JSON.stringify(key)}${hint}; the options are block and timeoutMs`);
    }
    if (key === 'block' && value !== undefined && typeof value !== 'boolean') {
      throw new TypeError(`${method}(options): block must be true or false, got ${describeValue(value)}`);
    }
  }
  return options;
}

/** `new Queue(options)`: an object of `maxsize`, or nothing; `new Queue(5)` is refused with the form to write. */
export function checkQueueOptions(options: unknown): { maxsize?: unknown } {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    const python = typeof options === 'number' ? `; Python's Queue(${options}) is new Queue({ maxsize: ${options} })` : '';
    throw new TypeError(`new Queue(options): options must be an object { maxsize }, got ${describeValue(options)}${python}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'maxsize') throw new TypeError(`new Queue(options): unexpected option ${JSON.stringify(key)}; the only option is maxsize`);
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
