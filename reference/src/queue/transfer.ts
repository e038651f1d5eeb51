/**
 * Queues inside arguments: before arguments cross to another process, each Queue is replaced by its
 * descriptor; on arrival, each descriptor becomes a Queue again. Plain objects and arrays are searched to a
 * bounded depth; containers are copied only on the path to a queue, so arguments without queues cost one
 * walk and no copy.
 */
import { Queue } from './queue.js';
import { isDescriptor } from './wire.js';

const MAX_DEPTH = 16;

/** `value` with every Queue replaced by its descriptor (the same object when it holds none). */
export function packQueues<V>(value: V): V {
  return replace(value, 0, (v) => (Queue.isQueue(v) ? v.toDescriptor() : undefined)) as V;
}

/** `value` with every queue descriptor replaced by a Queue usable in this process. */
export function unpackQueues<V>(value: V): V {
  return replace(value, 0, (v) => (isDescriptor(v) ? Queue.fromDescriptor(v) : undefined)) as V;
}

function replace(value: unknown, depth: number, swap: (value: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  const swapped = swap(value);
  if (swapped !== undefined) return swapped;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = replace(value[i], depth + 1, swap);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = replace(item, depth + 1, swap);
    if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return copy ?? value;
}
