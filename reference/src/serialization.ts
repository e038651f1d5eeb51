/**
 * Values cross between processes by V8's structured clone (Node's `serialization: 'advanced'`), which keeps
 * BigInt, Map, Set, Date, RegExp, typed arrays and nested objects. This module finds, before anything is
 * sent, the value that cannot cross and names it.
 */
import { serialize } from 'node:v8';
import { SerializationError } from './errors.js';

const HINT =
  'values cross to another process by structured clone (Python: they must be picklable): primitives, BigInt, ' +
  'plain objects, arrays, Map, Set, Date, RegExp, typed arrays and errors can; functions, symbols, class ' +
  'methods, promises and handles cannot';

/** Throws a SerializationError naming `labels[i]` for the first value that cannot be cloned. */
export function assertSerializable(values: readonly unknown[], label: (index: number) => string): void {
  try {
    serialize(values);
    return;
  } catch {
    // Fall through: find which value is the culprit so the message can name it.
  }
  values.forEach((value, index) => {
    try {
      serialize(value);
    } catch (cause) {
      throw new SerializationError(`${label(index)} cannot be sent to another process: ${reason(cause)}; ${HINT}`, {
        cause,
      });
    }
  });
}

/** True when `value` survives structured clone. */
export function isSerializable(value: unknown): boolean {
  return cloneFailure(value) === undefined;
}

/** Why `value` cannot be cloned (the clone error's message), or undefined when it can. */
export function cloneFailure(value: unknown): string | undefined {
  try {
    serialize(value);
    return undefined;
  } catch (cause) {
    return reason(cause);
  }
}

function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
