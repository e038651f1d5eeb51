/**
 * How an error message names a value it refuses: its kind, and the value itself when it is short and harmless
 * (a number, a boolean, the start of a string), so the message says what was passed without dumping an object.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string ('${value.length > 40 ? `${value.slice(0, 40)}…` : value}')`;
    case 'number':
    case 'boolean':
      return `a ${typeof value} (${String(value)})`;
    case 'bigint':
      return `a bigint (${String(value)}n)`;
    case 'object':
      return 'an object';
    case 'function':
      return 'a function';
    default:
      return `a ${typeof value}`;
  }
}
