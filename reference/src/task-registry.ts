/**
 * How a function value in the parent becomes something a child can find: the module that defines it
 * registers it under a key, and a child imports that module and looks the key up.
 * @python "functions must be picklable": defined at module level, found again by module and name.
 */
import { describeValue } from './describe-value.js';
import { TaskReferenceError } from './errors.js';
import { importModule } from './import-module.js';
import { moduleUrlOf, type ModuleMeta } from './module-ref.js';

/** Any function a child may run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskFunction = (...args: any[]) => unknown;

/** A class of errors, registered beside the tasks so that its instances cross as themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * A class whose instances cross as themselves: registered beside the tasks, found again by module and name.
 * Its constructor never runs on arrival (see revive.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ValueClass = abstract new (...args: any[]) => object;

/** Where a child finds a task (or an error class): the module's URL and the key it was registered under. */
export interface TaskRef {
  readonly moduleUrl: string;
  readonly key: string;
}

interface Registry {
  readonly byFunction: WeakMap<TaskFunction, TaskRef>;
  readonly byRef: Map<string, TaskFunction>;
  /** Error classes, by their prototype (what an error thrown in a task has) and by reference. */
  readonly classByPrototype: WeakMap<object, TaskRef>;
  readonly classByRef: Map<string, ErrorClass>;
  /** Value classes (every other class), by prototype and by reference. */
  readonly valueByPrototype: WeakMap<object, TaskRef>;
  readonly valueByRef: Map<string, ValueClass>;
}

// On globalThis for the same reason as the identity: one registry however many copies of this module load.
const KEY = Symbol.for('multiproc.tasks');

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= {
    byFunction: new WeakMap(), byRef: new Map(), classByPrototype: new WeakMap(), classByRef: new Map(),
    valueByPrototype: new WeakMap(), valueByRef: new Map(),
  };
  return holder[KEY];
}

const refKey = (ref: TaskRef): string => `${ref.moduleUrl}#${ref.key}`;

/**
 * Registers a module's task functions so they can run in other processes. One line at the end of the module:
 * `tasks(import.meta, { square, power })` in an ES module, `tasks(module, { square, power })` in a CommonJS one
 * (or the module's file: URL as a string). Returns the table unchanged, so it can also be exported.
 * A subclass of Error in the table is registered as an error class instead: an instance thrown in a task
 * arrives in the parent as that class (`instanceof` holds), as Python's pickle finds a class by module and name.
 * Any other class is registered as a value class: its instances cross as that class, wherever they are in a
 * result, an argument or a Queue item, in every process that imported this module (see revive.ts).
 */
export function tasks<const T extends Record<string, TaskFunction | ValueClass>>(meta: ModuleMeta | string, table: T): T {
  const moduleUrl = typeof meta === 'string' ? meta : moduleUrlOf(meta);
  if (moduleUrl === undefined) {
    throw new TypeError(
      'tasks(): the first argument must say which module registers the tasks: import.meta in an ES module, ' +
        `module in a CommonJS one (or the module's file: URL as a string); got ${describeValue(meta)}`,
    );
  }
  // A function or nothing here would register nothing, without a word, until a child cannot find the task.
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new TypeError(`tasks(meta, table): table must be an object of the functions to register, such as tasks(import.meta, { square }), got ${describeValue(table)}`);
  }
  const { byFunction, byRef, classByPrototype, classByRef, valueByPrototype, valueByRef } = registry();
  for (const [key, fn] of Object.entries(table)) {
    if (typeof fn !== 'function') {
      throw new TypeError(`tasks(): "${key}" is ${describeValue(fn)}, not a function; register only functions and classes`);
    }
    const ref = { moduleUrl, key };
    // The first registration wins for classes too: a class re-exported by another module keeps its home.
    if (isErrorClass(fn)) {
      if (!classByPrototype.has(fn.prototype)) classByPrototype.set(fn.prototype, ref);
      classByRef.set(refKey(ref), fn);
      continue;
    }
    if (isClass(fn)) {
      if (!valueByPrototype.has(fn.prototype as object)) valueByPrototype.set(fn.prototype as object, ref);
      valueByRef.set(refKey(ref), fn as ValueClass);
      continue;
    }
    // The first registration wins so that a function re-exported by another module keeps its home.
    const task = fn as TaskFunction;
    if (!byFunction.has(task)) byFunction.set(task, ref);
    byRef.set(refKey(ref), task);
  }
  return table;
}

/** Where the error class whose prototype is `prototype` was registered, if it was. */
export function errorClassRef(prototype: object): TaskRef | undefined {
  return registry().classByPrototype.get(prototype);
}

/** The error class registered under `ref` in this process, if its module was imported here. */
export function errorClassAt(ref: TaskRef): ErrorClass | undefined {
  return registry().classByRef.get(refKey(ref));
}

/** True once any value class is registered in this process: until then, nothing that crosses is searched for one. */
export function hasValueClasses(): boolean {
  return registry().valueByRef.size > 0;
}

/** Where the value class whose prototype is `prototype` was registered, if it was. */
export function valueClassRef(prototype: object): TaskRef | undefined {
  return registry().valueByPrototype.get(prototype);
}

/** The value class registered under `ref` in this process, if its module was imported here. */
export function valueClassAt(ref: TaskRef): ValueClass | undefined {
  return registry().valueByRef.get(refKey(ref));
}

/**
 * Declared with `class`: the only way to tell a class from a task, since a plain function has a prototype too.
 * (A constructor written as an ES5 function is registered as a task.)
 */
function isClass(fn: Function): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

/** Error itself, or a class that extends it. */
export function isErrorClass(fn: unknown): fn is ErrorClass {
  return typeof fn === 'function' && (fn === Error || (fn.prototype as unknown) instanceof Error);
}

/** The reference a child needs for `fn`, or a TypeError that names the function and the fix. */
export function resolveTask(fn: unknown, role: string): TaskRef {
  if (typeof fn !== 'function') {
    throw new TaskReferenceError(`${role} must be a function, got ${describeValue(fn)}`);
  }
  const ref = registry().byFunction.get(fn as TaskFunction);
  if (ref !== undefined) return ref;
  const name = fn.name === '' ? '<anonymous>' : fn.name;
  // The fix must be code that runs: a bound function is named "bound f", which is no identifier.
  const key = IDENTIFIER.test(fn.name) ? fn.name : 'myTask';
  throw new TaskReferenceError(
    `${role} "${name}" is not a registered task, so a child process cannot find it. ` +
      `Define it as a top-level function of a module and register it there: ` +
      `tasks(import.meta, { ${key} }) (in a CommonJS file: tasks(module, { ${key} })). ` +
      `Inline arrow functions, closures and methods cannot run in another process ` +
      `(Python: the function must be picklable, defined at module level).`,
  );
}

/**
 * Imports the task's module (which registers it) and returns the function. Runs in the child, on a reference
 * that came over a channel: only a file: module is ever imported (never a data:, node: or http: URL, which
 * would run code of the sender's choosing), and only an export that module registered is returned.
 */
export async function loadTask(ref: TaskRef): Promise<TaskFunction> {
  checkRef(ref);
  try {
    await importModule(ref.moduleUrl);
  } catch (error) {
    throw explainMissingLoader(error, ref) ?? error;
  }
  const fn = registry().byRef.get(refKey(ref));
  if (fn === undefined) {
    throw new TaskReferenceError(
      `module ${ref.moduleUrl} registers no task named "${ref.key}" when imported in a child process; ` +
        `make sure tasks(import.meta, { ${ref.key} }) runs at the module's top level, not inside a condition`,
    );
  }
  return fn;
}

/**
 * Node's own words for a TypeScript task module in a child without a loader are `Unknown file extension ".ts"`:
 * true, but they do not say why the parent could load the file and its child cannot, nor what to do.
 */
function explainMissingLoader(error: unknown, ref: TaskRef): TaskReferenceError | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') return undefined;
  const extension = /\.[^./]*$/.exec(new URL(ref.moduleUrl).pathname)?.[0] ?? '';
  if (!/^\.[mc]?tsx?$/.test(extension)) return undefined;
  return new TaskReferenceError(
    `cannot load task "${ref.key}" in a child process: its module ${ref.moduleUrl} is TypeScript, and the child ` +
      `has no TypeScript loader (Node: Unknown file extension "${extension}"). Run the parent under tsx ` +
      `(\`npx tsx main.ts\` or \`node --import tsx main.ts\`): its children inherit the loader. A loader registered ` +
      `from code (tsx/esm/api's register()) is not inherited, nor is one given in NODE_OPTIONS when a Process or Pool ` +
      `gets an \`env\` without NODE_OPTIONS: pass NODE_OPTIONS on in \`env\`, or compile to JavaScript first.`,
    { cause: error },
  );
}

function checkRef(ref: unknown): asserts ref is TaskRef {
  const { moduleUrl, key } = (typeof ref === 'object' && ref !== null ? ref : {}) as Partial<Record<keyof TaskRef, unknown>>;
  if (typeof moduleUrl !== 'string' || typeof key !== 'string') {
    throw new TaskReferenceError('a task reference must hold a module URL and a key (strings); this one does not, so nothing was loaded');
  }
  if (URL.canParse(moduleUrl) && new URL(moduleUrl).protocol === 'file:') return;
  const shown = moduleUrl.length > 80 ? `${moduleUrl.slice(0, 79)}…` : moduleUrl;
  throw new TaskReferenceError(
    `refused to load task "${key}" from ${JSON.stringify(shown)}: tasks are found only in file: modules (the ` +
      `import.meta.url of the module that registers them), so that nothing received from another process runs as code`,
  );
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

