/**
 * Values cross between processes by V8's structured clone (Node's `serialization: 'advanced'`), which keeps
 * BigInt, Map, Set, Date, RegExp, typed arrays and nested objects. This module finds, before anything is
 * sent, the value that cannot cross and names it.
 *
 * "Can cross" means written AND read back: V8 writes an Error that is its own cause (directly or through
 * other errors) but cannot read it ("Unable to deserialize cloned data"), and when that read fails inside
 * Node's IPC reader it is an uncaught exception in the receiving process. So the check reads back what it wrote.
 */
import { deserialize, serialize } from 'node:v8';
import { reasonOf } from './describe-thrown.js';
import { SerializationError } from './errors.js';

const HINT =
  'values cross to another process by structured clone (Python: they must be picklable): primitives, BigInt, ' +
  'plain objects, arrays, Map, Set, Date, RegExp, typed arrays and errors can; functions, symbols, class ' +
  'methods, promises and handles cannot';

/** Throws a SerializationError naming `labels[i]` for the first value that cannot be cloned. */
export function assertSerializable(values: readonly unknown[], label: (index: number) => string): void {
  try {
    deserialize(serialize(values));
    return;
  } catch {
    // Fall through: find which value is the culprit so the message can name it.
  }
  values.forEach((value, index) => {
    try {
      deserialize(serialize(value));
    } catch (cause) {
      throw new SerializationError(`${label(index)} cannot be sent to another process: ${reason(cause)}; ${HINT}`, {
        cause,
      });
    }
  });
}

/** True when `value` survives structured clone, both ways. */
export function isSerializable(value: unknown): boolean {
  return cloneFailure(value) === undefined;
}

/** Why `value` cannot be cloned (the clone error's message), or undefined when it can. */
export function cloneFailure(value: unknown): string | undefined {
  try {
    deserialize(serialize(value));
    return undefined;
  } catch (cause) {
    return reason(cause);
  }
}

function reason(cause: unknown): string {
  const message = reasonOf(cause);
  // V8's words for a value it wrote and cannot read back say nothing of which value that is.
  if (/Unable to deserialize cloned data/.test(message)) return `${message.replace(/\.$/, '')} (${UNREADABLE})`;
  return message;
}

const UNREADABLE = 'it holds an Error that is its own cause, directly or through other errors: V8 can write such a value but not read it back';
