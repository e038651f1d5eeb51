/**
 * Instances of value classes registered beside the tasks (`tasks(import.meta, { Point })`) cross as themselves.
 * Structured clone delivers a class instance as a plain object of its own fields; Python's pickle finds the class
 * again by module and name. So the sender lists, beside the value and in the same message, each instance it found
 * and where its class was registered (a ClassTable); the receiver sets the prototype of exactly those objects to
 * the class it finds in its own registry. Structured clone keeps object identity within one message, so an entry
 * of the table is the very object (===) inside the value.
 *
 * Why a side table, and not a marker inside the value: user data cannot write into the table, so a plain object
 * that looks like a marker (parsed from untrusted JSON, say) stays a plain object. Nothing received is run: the
 * class is looked up by module URL and key among the classes this process registered, its constructor is not
 * called, and a reference to a class not registered here leaves the plain data as it arrived.
 */
import { hasValueClasses, valueClassAt, valueClassRef, type TaskRef } from './task-registry.js';

/**
 * Beside a value: `refs` holds [moduleUrl, key] pairs flat, `marks` holds [object, index into refs / 2] pairs flat.
 * Flat arrays, so ten thousand Points cost two slots each and their class's name once.
 */
export interface ClassTable {
  readonly refs: readonly string[];
  readonly marks: readonly unknown[];
}

/** Prototype chains longer than this are not followed (a Proxy could make one endless). */
const MAX_CHAIN = 64;

/**
 * The instances of registered value classes inside `value` (any depth: arrays, plain objects, Maps, Sets, and the
 * fields of instances), or undefined when there is none. Costs one registry check when no value class is
 * registered in this process; otherwise one visit per object, typed arrays and buffers skipped. Never throws: a
 * value whose getters throw cannot be cloned anyway, and the clone names it.
 */
export function findInstances(value: unknown): ClassTable | undefined {
  if (typeof value !== 'object' || value === null || !hasValueClasses()) return undefined;
  try {
    return walk(value);
  } catch {
    return undefined;
  }
}

function walk(root: object): ClassTable | undefined {
  // Only objects that lead to others are remembered (what a cycle needs): a leaf, such as a Point of numbers, is
  // never hashed, and one reached twice is listed twice, which its receiver does not mind.
  const seen = new Set<object>();
  const pending: object[] = [root];
  let refs: string[] | undefined;
  let marks: unknown[] | undefined;
  let indexes: Map<TaskRef, number> | undefined;
  // Values are mostly many instances of one class: its index is kept at hand.
  let lastProto: object | null = null;
  let lastIndex = 0;
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (seen.has(value)) continue;
    const before = pending.length;
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Object.prototype || proto === null) {
      for (const key in value) push(pending, (value as Record<string, unknown>)[key]);
    } else if (proto === Array.prototype) {
      pushAll(pending, value as unknown[]);
    } else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp || value instanceof Error) {
      continue;
    } else {
      if (proto === lastProto) marks!.push(value, lastIndex);
      else {
        const ref = registeredRef(proto);
        if (ref !== undefined) {
          indexes ??= new Map();
          let index = indexes.get(ref);
          if (index === undefined) {
            index = indexes.size;
            indexes.set(ref, index);
            (refs ??= []).push(ref.moduleUrl, ref.key);
          }
          (marks ??= []).push(value, index);
          lastProto = proto;
          lastIndex = index;
        }
      }
      // What structured clone copies of it: entries of a Map or a Set, items of an array, else own enumerable fields.
      if (value instanceof Map) for (const [key, item] of value) push(pending, key), push(pending, item);
      else if (value instanceof Set) for (const item of value) push(pending, item);
      else if (Array.isArray(value)) pushAll(pending, value);
      else for (const key of Object.keys(value)) push(pending, (value as Record<string, unknown>)[key]);
    }
    if (pending.length > before) seen.add(value);
  }
  return marks === undefined ? undefined : { refs: refs!, marks };
}

/** The nearest registered class up the chain: an unregistered subclass arrives as its registered base. */
function registeredRef(proto: object | null): TaskRef | undefined {
  for (let depth = 0; proto !== null && depth < MAX_CHAIN; depth++) {
    const ref = valueClassRef(proto);
    if (ref !== undefined) return ref;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return undefined;
}

function push(pending: object[], value: unknown): void {
  if (typeof value === 'object' && value !== null) pending.push(value);
}

function pushAll(pending: object[], values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) push(pending, values[i]);
}

/**
 * Gives each object `table` lists the prototype of its class, as this process finds it (never by calling its
 * constructor); an object whose class is not registered here stays the plain data it arrived as. `table` came
 * over a channel: anything malformed in it is skipped. Returns true when every class was found. Never throws.
 */
export function reviveInstances(table: unknown): boolean {
  if (typeof table !== 'object' || table === null) return true;
  const { refs, marks } = table as Partial<Record<keyof ClassTable, unknown>>;
  if (!Array.isArray(refs) || !Array.isArray(marks)) return true;
  const classes: (object | undefined)[] = [];
  for (let i = 0; i + 1 < refs.length; i += 2) {
    const [moduleUrl, key] = [refs[i], refs[i + 1]];
    classes.push(typeof moduleUrl === 'string' && typeof key === 'string' ? valueClassAt({ moduleUrl, key })?.prototype as object | undefined : undefined);
  }
  let all = true;
  for (let i = 0; i + 1 < marks.length; i += 2) {
    const object = marks[i];
    const index = marks[i + 1];
    const proto = typeof index === 'number' ? classes[index] : undefined;
    if (proto === undefined) all = false;
    else if (typeof object === 'object' && object !== null) {
      try {
        Object.setPrototypeOf(object, proto);
      } catch {
        all = false; // a frozen or exotic object: it stays as it arrived
      }
    }
  }
  return all;
}
