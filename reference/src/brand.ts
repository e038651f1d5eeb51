/**
 * `instanceof` across copies of multiproc in one process. The package loads more than once in many processes: a
 * pool worker's entry bundle holds the library, and the task's module imports the package again (its ESM or its
 * CommonJS bundle), so a QueueEmpty thrown by the worker's queue was no `instanceof QueueEmpty` of the class the
 * task imported: Python's `except queue.Empty` habit broke. A branded class also recognises instances of its
 * namesake from another copy (execa brands its errors the same way). Queue needs none of this: its instances
 * already carry a brand every copy reads (Queue.isQueue).
 */
const BRAND = Symbol.for('multiproc.class');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Branded = abstract new (...args: any[]) => object;

/** Makes `value instanceof cls` (and of its subclasses) true for instances of the same class from another copy. */
export function brand(cls: Branded): void {
  Object.defineProperty(cls, BRAND, { value: true });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(this: Branded, value: unknown): boolean {
      if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
      // Another copy's class of the same name, itself branded: walk the value's chain of constructors.
      for (let proto = Object.getPrototypeOf(value) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
        const ctor = (proto as { constructor?: unknown }).constructor;
        if (typeof ctor === 'function' && ctor !== this && ctor.name === this.name && (ctor as { [BRAND]?: boolean })[BRAND] === true) return true;
      }
      return false;
    },
  });
}
