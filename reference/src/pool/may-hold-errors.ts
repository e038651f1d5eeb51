/**
 * The cheap test that comes before the costly one. V8 writes some values it cannot read back: an Error that is
 * its own cause, directly or through other objects. Only an Error can be such a value, so a walk that finds no
 * Error proves the values read back, and spares a serialize and a deserialize; only a walk that finds one (or
 * gives up) sends the caller to read back what it wrote. Both sides use it: the parent on a batch's arguments,
 * the worker on its results.
 */
import { isErrorLike } from '../describe-thrown.js';
import type { Values } from './packed.js';
import { BULK_MIN } from '../backend/child-process/bulk.js';

/** Past this many objects the walk gives up, and the caller reads back instead (a cycle ends here too). */
const WALK_LIMIT = 100_000;

/**
 * What a walk found: an Error may hide in the values (read back to be sure); or none does, and some view has
 * BULK_MIN bytes or more (it may take the bulk pipe, see backend/child-process/bulk.ts), or none has.
 */
export type Finding = 'may-hold-errors' | 'large-views' | 'plain';

/**
 * Whether an Error may hide in any of `lists` (arrays of values; packed numbers hold none), and when none does,
 * whether a large view is among them. Iterative, with plain objects and arrays first: a worker often runs it
 * cold, before the JIT has looked at it.
 */
export function mayHoldErrors(lists: readonly Values[]): Finding {
  const pending: object[] = [];
  let large = false;
  for (let i = 0; i < lists.length; i++) {
    const values = lists[i]!;
    if (!(values instanceof Float64Array)) pushObjects(pending, values);
  }
  if (pending.length === 0) return 'plain';
  try {
    for (let budget = WALK_LIMIT; pending.length > 0; budget--) {
      if (budget === 0) return 'may-hold-errors';
      const value = pending.pop()!;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) pushProperties(pending, value);
      else if (Array.isArray(value)) pushObjects(pending, value);
      else if (value instanceof Error || isErrorLike(value)) return 'may-hold-errors';
      else if (value instanceof Map) for (const [key, item] of value) pushObjects(pending, [key, item]);
      else if (value instanceof Set) pushObjects(pending, [...value]);
      else if (ArrayBuffer.isView(value)) {
        if (value.byteLength >= BULK_MIN) large = true;
      } else if (!(value instanceof ArrayBuffer)) pushProperties(pending, value);
    }
    return large ? 'large-views' : 'plain';
  } catch {
    return 'may-hold-errors'; // a getter or a Proxy trap threw: let the read-back decide
  }
}

function pushObjects(pending: object[], values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'object' && value !== null) pending.push(value);
  }
}

function pushProperties(pending: object[], object: object): void {
  for (const key in object) {
    const value = (object as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) pending.push(value);
  }
}
