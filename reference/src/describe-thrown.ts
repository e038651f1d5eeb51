/**
 * Words for anything a task may throw, however hostile: a getter that throws, a Proxy whose traps throw, a
 * revoked Proxy, a null-prototype object (no toString). Nothing here may throw, since it runs while an error
 * is already being reported.
 */
import { inspect, types } from 'node:util';

/** Longest description kept: a thrown value may be huge, and it ends up in a message. */
const MAX_LENGTH = 200;

/** True when `value` is an Error (of this realm or another); false for anything that cannot even be asked. */
export function isErrorLike(value: unknown): value is Error {
  try {
    return types.isNativeError(value) || value instanceof Error;
  } catch {
    return false;
  }
}

/** `object[key]`, or the reason it could not be read. */
export function readSafely(object: object, key: PropertyKey): { readonly value: unknown } | { readonly failed: string } {
  try {
    return { value: (object as Record<PropertyKey, unknown>)[key] };
  } catch (thrown) {
    return { failed: reasonOf(thrown) };
  }
}

/** A short description of any value: `"text"`, `undefined`, `10n`, `Symbol(x)`, `{ code: 1, f: [Function: f] }`. */
export function describeThrown(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return clip(JSON.stringify(value));
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return clip(value.toString());
      case 'function':
        return `a function${value.name === '' ? '' : ` ${value.name}`}`;
      case 'object':
        if (value === null) return 'null';
        return clip(inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 100 }));
      default:
        return String(value);
    }
  } catch {
    return `a value of type ${typeof value} that cannot be described`;
  }
}

/** The message of anything thrown, for an error's text. */
export function reasonOf(thrown: unknown): string {
  if (isErrorLike(thrown)) {
    const message = readSafely(thrown, 'message');
    if ('value' in message && typeof message.value === 'string') return message.value;
    if ('failed' in message) return `<the message could not be read: ${message.failed}>`;
  }
  return describeThrown(thrown);
}

/** An error's name when it is a string that can be read, else 'Error'. */
export function nameOf(error: Error): string {
  const name = readSafely(error, 'name');
  return 'value' in name && typeof name.value === 'string' ? name.value : 'Error';
}

/** The stack of anything thrown, for printing in the child as Python prints a traceback. */
export function formatThrown(thrown: unknown): string {
  if (isErrorLike(thrown)) {
    const stack = readSafely(thrown, 'stack');
    if ('value' in stack && typeof stack.value === 'string') return stack.value;
    return `${nameOf(thrown)}: ${reasonOf(thrown)}`;
  }
  return `Uncaught ${describeThrown(thrown)}`;
}

function clip(text: string): string {
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 1)}…`;
}
