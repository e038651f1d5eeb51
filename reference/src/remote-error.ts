/**
 * Errors thrown in a child, carried to the parent with what a user needs to debug them: the class for
 * built-ins, name, message, own properties, `cause` and the child's stack.
 * @python multiprocessing.pool.RemoteTraceback — Python attaches the remote traceback as text; we keep the stack.
 */
import { isSerializable } from './serialization.js';

/** The wire form of an error (or of any thrown value that is not an Error). */
export type EncodedError =
  | { readonly kind: 'error'; readonly name: string; readonly builtin: BuiltinName | null; readonly message: string;
      readonly stack: string | undefined; readonly props: Record<string, unknown>; readonly cause?: EncodedError;
      readonly errors?: EncodedError[] }
  | { readonly kind: 'value'; readonly value: unknown };

const BUILTINS = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  AggregateError,
} as const;
type BuiltinName = keyof typeof BUILTINS;

const MAX_DEPTH = 8;

/** Turns anything a task threw into a value that structured clone can carry. */
export function encodeError(thrown: unknown, depth = 0): EncodedError {
  if (!(thrown instanceof Error)) {
    return { kind: 'value', value: isSerializable(thrown) ? thrown : String(thrown) };
  }
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(thrown)) {
    if (key === 'cause' || key === 'errors') continue;
    const value = (thrown as unknown as Record<string, unknown>)[key];
    props[key] = isSerializable(value) ? value : `[not serializable: ${typeof value}]`;
  }
  const encoded: Mutable<Extract<EncodedError, { kind: 'error' }>> = {
    kind: 'error',
    name: thrown.name,
    builtin: builtinOf(thrown),
    message: thrown.message,
    stack: thrown.stack,
    props,
  };
  if ('cause' in thrown && depth < MAX_DEPTH) encoded.cause = encodeError(thrown.cause, depth + 1);
  if (thrown instanceof AggregateError && depth < MAX_DEPTH) {
    encoded.errors = thrown.errors.map((e) => encodeError(e, depth + 1));
  }
  return encoded;
}

/**
 * Rebuilds the error in the parent. `where` names the process it came from; it is added below the child's
 * stack, so the stack reads from the failing line in the child down to the call in the parent.
 */
export function decodeError(encoded: EncodedError, where: string): unknown {
  if (encoded.kind === 'value') return encoded.value;
  const error: Error =
    encoded.builtin === 'AggregateError'
      ? new AggregateError((encoded.errors ?? []).map((e) => decodeError(e, where)), encoded.message)
      : new (encoded.builtin === null ? Error : (BUILTINS[encoded.builtin] as ErrorConstructor))(encoded.message);
  if (error.name !== encoded.name) {
    Object.defineProperty(error, 'name', { value: encoded.name, enumerable: false, writable: true, configurable: true });
  }
  // The parent's own frames would only show our message handler, so the stack is the child's, labelled.
  const remote = encoded.stack ?? `${encoded.name}: ${encoded.message}`;
  Object.defineProperty(error, 'stack', {
    value: `${remote}\n    --- raised in ${where}, re-raised in the parent`,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  Object.assign(error, encoded.props);
  if (encoded.cause !== undefined) {
    Object.defineProperty(error, 'cause', {
      value: decodeError(encoded.cause, where),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return error;
}

/** The stack of anything thrown, for printing in the child as Python prints a traceback. */
export function formatThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.stack ?? `${thrown.name}: ${thrown.message}`;
  return `Uncaught ${typeof thrown === 'string' ? JSON.stringify(thrown) : String(thrown)}`;
}

function builtinOf(error: Error): BuiltinName | null {
  const proto = Object.getPrototypeOf(error) as object | null;
  for (const [name, Ctor] of Object.entries(BUILTINS)) {
    if (proto === Ctor.prototype) return name as BuiltinName;
  }
  return null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
