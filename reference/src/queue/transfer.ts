/**
 * Queues inside arguments: before arguments cross to another process, each Queue is replaced by its
 * descriptor, and the descriptors made are listed beside the arguments; on arrival, exactly those objects become
 * Queues again. Structured clone keeps object identity within one message, so a descriptor in the arguments is
 * the very object (===) listed beside them, while a plain object that only looks like one (say parsed from
 * untrusted JSON) is not listed and stays a plain object: it cannot make a process connect where it says.
 * Plain objects, arrays and class instances (their own enumerable fields, what structured clone copies) are
 * searched to a bounded depth; containers are copied only on the path to a queue (an instance keeps its
 * prototype), so arguments without queues cost one walk and no copy. A queue inside an instance used to be left
 * in place and arrive as `{}`, with no error.
 */
import { Queue } from './queue.js';
import type { QueueDescriptor } from './wire.js';

const MAX_DEPTH = 16;

/** Packed arguments: the value to send and, in the same message, the descriptors it holds. */
export interface Packed<V> {
  readonly value: V;
  readonly queues: readonly QueueDescriptor[];
}

/**
 * `value` with every Queue replaced by its descriptor (the same object when it holds none), and the list of
 * them. The same Queue twice gives the same descriptor, so it arrives as one Queue.
 */
export function packQueues<V>(value: V): Packed<V> {
  // Pools pack every chunk: arguments without queues allocate nothing but the answer.
  let made: Map<Queue, QueueDescriptor> | undefined;
  const packed = replace(value, 0, (v) => {
    if (!Queue.isQueue(v)) return undefined;
    made ??= new Map();
    let descriptor = made.get(v);
    if (descriptor === undefined) made.set(v, (descriptor = v.toDescriptor()));
    return descriptor;
  }) as V;
  return { value: packed, queues: made === undefined ? NO_QUEUES : [...made.values()] };
}

const NO_QUEUES: readonly QueueDescriptor[] = Object.freeze([]);

/** `value` with each of `queues` (received in the same message) replaced by a Queue usable in this process. */
export function unpackQueues<V>(value: V, queues: readonly QueueDescriptor[] | undefined): V {
  if (queues === undefined || queues.length === 0) return value;
  const made = new Map<unknown, Queue | undefined>(queues.map((descriptor) => [descriptor, undefined]));
  return replace(value, 0, (v) => {
    if (!made.has(v)) return undefined;
    let queue = made.get(v);
    if (queue === undefined) made.set(v, (queue = Queue.fromDescriptor(v as QueueDescriptor)));
    return queue;
  }) as V;
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
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null && !isFieldBag(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = replace(item, depth + 1, swap);
    if (next !== item) (copy ??= Object.assign(Object.create(proto) as Record<string, unknown>, value))[key] = next;
  }
  return copy ?? value;
}

/**
 * An instance whose data structured clone carries as its own fields (a user's class): not a built-in whose
 * content lives elsewhere (Map, Set, Date, a typed array, an Error), which structured clone treats on its own.
 */
function isFieldBag(value: object): boolean {
  return !(value instanceof Map || value instanceof Set || value instanceof Date || value instanceof RegExp ||
    value instanceof Error || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof Promise);
}
