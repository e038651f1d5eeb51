/**
 * Prints values the way Python's `print()` / f-strings show them, so the ported examples print the same lines
 * as the Python: a list is `[1, 4, 9]` (JSON.stringify would give `[1,4,9]`), a set `{1, 2}`, a string inside a
 * container `'a'`, a dict `{'a': 1}`. An array stands for a tuple too, and prints as a list.
 *
 * Scalars print as JavaScript prints them, as in the other examples, inside containers too: `true`/`false`/`null`
 * (Python: True/False/None); a BigInt prints without its `n`, as Python prints an int.
 */

/** Python's `repr()` of a value, close enough for printing lists, sets and dicts of plain data. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof Set) return value.size === 0 ? 'set()' : `{${[...value].map(pyRepr).join(', ')}}`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** Python quotes with ' unless the string holds a ' and no ". */
function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    .replaceAll(quote, `\\${quote}`);
  return `${quote}${body}${quote}`;
}
