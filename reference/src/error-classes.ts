/**
 * Which class an error that crosses to another process is rebuilt as. Python's pickle finds an exception's
 * class again by module and name; we look it up in three tables, and never evaluate anything received:
 * JavaScript's built-in error classes, multiproc's own (every class of errors.ts), and the user's classes
 * registered beside their tasks (`tasks(import.meta, { ValueError })`).
 */
import * as library from './errors.js';
import { errorClassAt, errorClassRef, isErrorClass, type ErrorClass } from './task-registry.js';

/** How an error's class is named on the wire. */
export type ClassRef =
  | { readonly kind: 'builtin' | 'library'; readonly name: string }
  | { readonly kind: 'user'; readonly moduleUrl: string; readonly key: string };

const BUILTINS = new Map<string, ErrorClass>([
  ['TypeError', TypeError],
  ['RangeError', RangeError],
  ['SyntaxError', SyntaxError],
  ['ReferenceError', ReferenceError],
  ['EvalError', EvalError],
  ['URIError', URIError],
  ['AggregateError', AggregateError],
]);
const BUILTIN_NAMES = new Map<object, string>([...BUILTINS].map(([name, cls]) => [cls.prototype, name]));

const LIBRARY = new Map<string, ErrorClass>(
  (Object.entries(library) as [string, unknown][]).filter((entry): entry is [string, ErrorClass] => isErrorClass(entry[1])),
);

// Every copy of multiproc loaded in a process adds its classes here: the built package's worker entry and the
// index a task module imports are separate bundles, so an error of the task's copy must still be recognised.
const KEY = Symbol.for('multiproc.libraryErrorClasses');
const holder = globalThis as { [KEY]?: WeakMap<object, string> };
const libraryNames = (holder[KEY] ??= new WeakMap());
for (const [name, cls] of LIBRARY) libraryNames.set(cls.prototype, name);

/** Prototype chains longer than this are not followed (a Proxy could make one endless). */
const MAX_CHAIN = 64;

/**
 * The nearest class up `error`'s prototype chain that another process can find again, or null for Error.
 * Nearest, not exact: an unregistered subclass of a registered (or built-in, or multiproc) class arrives as
 * that class, keeping its own name, so `instanceof` checks by category still hold. May throw (a Proxy's trap).
 */
export function classRefOf(error: object): ClassRef | null {
  let proto = Object.getPrototypeOf(error) as object | null;
  for (let depth = 0; proto !== null && depth < MAX_CHAIN; depth++) {
    if (proto === Error.prototype) return null;
    const builtin = BUILTIN_NAMES.get(proto);
    if (builtin !== undefined) return { kind: 'builtin', name: builtin };
    const own = libraryNames.get(proto);
    if (own !== undefined) return { kind: 'library', name: own };
    const user = errorClassRef(proto);
    if (user !== undefined) return { kind: 'user', moduleUrl: user.moduleUrl, key: user.key };
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return null;
}

/** The class `ref` names, in this process; undefined when it cannot be found here (the caller uses Error). */
export function classAt(ref: unknown): ErrorClass | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  const { kind, name, moduleUrl, key } = ref as Record<string, unknown>;
  if ((kind === 'builtin' || kind === 'library') && typeof name === 'string') {
    return (kind === 'builtin' ? BUILTINS : LIBRARY).get(name);
  }
  if (kind === 'user' && typeof moduleUrl === 'string' && typeof key === 'string') return errorClassAt({ moduleUrl, key });
  return undefined;
}

