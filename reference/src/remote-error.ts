/**
 * Errors thrown in a child, carried to the parent with what a user needs to debug them: their class (built-in,
 * multiproc's own, or registered beside the tasks), name, message, own properties, `cause`, the child's stack,
 * and where they were raised. Encoding never fails, whatever was thrown; decoding never throws, whatever arrived.
 * @python multiprocessing.pool.RemoteTraceback — Python attaches the remote traceback as text; we keep the stack.
 */
import { deserialize } from 'node:v8';
import { classAt, classRefOf, type ClassRef } from './error-classes.js';
import { describeThrown, formatThrown, isErrorLike, readSafely, reasonOf } from './describe-thrown.js';
import { ProtocolError, SerializationError, ThrownValueError } from './errors.js';
import { cloneFailure, isSerializable } from './serialization.js';

export { formatThrown };

/** The wire form of an error, or of any thrown value that is not an Error. */
export type EncodedError =
  | { readonly kind: 'error'; readonly name: string; readonly cls: ClassRef | null; readonly message: string;
      readonly stack: string | undefined; readonly props: Record<string, unknown>; readonly cause?: EncodedError;
      readonly errors?: EncodedError[] }
  | { readonly kind: 'value'; readonly value: unknown; readonly description: string;
      /** 'whole': `value` is what was thrown; 'copy': a copy with markers; 'none': it could not cross at all. */
      readonly kept: 'whole' | 'copy' | 'none'; readonly reason?: string };

/** Where an error was raised, as the parent tells it: `where` reads "pool worker PoolWorker-1 (pid 7) on item 3 of job 0". */
export interface Origin {
  readonly where: string;
  readonly process?: string;
  readonly pid?: number | null;
  /** The machine, when the process was on another one (a cluster pool's worker command; `pid` is that machine's). */
  readonly host?: string;
  readonly job?: number;
  readonly index?: number;
}

/**
 * A process on another machine that ran a chunk (a cluster pool's worker command's child): `pid` is that
 * machine's, `worker` the worker command it belongs to (`host:pid`). Set on a failed result by the worker command,
 * since the pool's slot for a cluster link has no process of its own (its pid is 0).
 */
export interface RemoteProcess {
  readonly host: string;
  readonly pid: number;
  readonly worker: string;
}

/** The origin of an error raised by `remote` on item `index` of job `job`. */
export function remoteOrigin(remote: RemoteProcess, job: number, index: number): Origin {
  const host = String(remote.host);
  const pid = Number(remote.pid);
  return {
    where: `worker process pid ${pid} on ${host} (multiproc worker ${String(remote.worker)}) on item ${index} of job ${job}`,
    process: `multiproc worker ${String(remote.worker)}`, pid, host, job, index,
  };
}

const MAX_DEPTH = 8;

/**
 * Own properties an error never takes from the wire: they are carried by their own fields (cause, errors, stack),
 * or they would change how the error behaves in the parent (a `toString` that is not a function makes every
 * `${error}` throw). `name` and `message` are taken only as strings, for the same reason.
 */
const NOT_A_PROP = new Set(['cause', 'errors', 'stack', 'toString', 'valueOf', 'toJSON', 'constructor']);
const STRING_ONLY = new Set(['name', 'message']);

/** Whether an own property `key` holding `value` may cross as one of an error's props. */
function isCarriedProp(key: string, value: unknown): boolean {
  return !NOT_A_PROP.has(key) && (!STRING_ONLY.has(key) || typeof value === 'string');
}

/** Turns anything a task threw into a value that structured clone can carry, and read back. Never throws. */
export function encodeError(thrown: unknown): EncodedError {
  let encoded: EncodedError;
  try {
    encoded = encode(thrown, 0);
  } catch (failure) {
    encoded = fallback(thrown, reasonOf(failure));
  }
  // Checked by reading it back: what the other side cannot read must never be sent.
  return isSerializable(encoded) ? encoded : fallback(thrown, 'its encoded form could not be cloned');
}

function encode(thrown: unknown, depth: number): EncodedError {
  if (!isErrorLike(thrown)) return encodeValue(thrown);
  const name = readSafely(thrown, 'name');
  const message = readSafely(thrown, 'message');
  const stack = readSafely(thrown, 'stack');
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(thrown)) {
    const value = readSafely(thrown, key);
    if (!isCarriedProp(key, 'value' in value ? value.value : undefined)) continue;
    setOwn(props, key, 'failed' in value ? `[unreadable: ${value.failed}]` : isSerializable(value.value) ? value.value : `[not serializable: ${typeof value.value}]`);
  }
  const encoded: Mutable<Extract<EncodedError, { kind: 'error' }>> = {
    kind: 'error',
    name: 'value' in name && typeof name.value === 'string' ? name.value : 'Error',
    cls: safely(() => classRefOf(thrown), null),
    message: 'value' in message ? (typeof message.value === 'string' ? message.value : describeThrown(message.value))
      : `<the message could not be read: ${message.failed}>`,
    stack: 'value' in stack && typeof stack.value === 'string' ? stack.value : undefined,
    props,
  };
  if (depth < MAX_DEPTH && safely(() => 'cause' in thrown, false)) {
    const cause = readSafely(thrown, 'cause');
    encoded.cause = 'value' in cause ? encode(cause.value, depth + 1) : encodeValue(`<the cause could not be read: ${cause.failed}>`);
  }
  if (depth < MAX_DEPTH && safely(() => thrown instanceof AggregateError, false)) {
    const errors = readSafely(thrown, 'errors');
    if ('value' in errors && Array.isArray(errors.value)) encoded.errors = errors.value.map((e: unknown) => encode(e, depth + 1));
  }
  return encoded;
}

function encodeValue(thrown: unknown): EncodedError {
  const description = describeThrown(thrown);
  const reason = cloneFailure(thrown);
  if (reason === undefined) return { kind: 'value', value: thrown, description, kept: 'whole' };
  const copy = markedCopy(thrown);
  return copy === undefined
    ? { kind: 'value', value: undefined, description, kept: 'none', reason }
    : { kind: 'value', value: copy, description, kept: 'copy', reason };
}

/** A plain (or null-prototype) object with what cannot cross replaced by markers, as an error's properties are. */
function markedCopy(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return safely(() => {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return undefined;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = readSafely(value, key);
      setOwn(copy, key, 'failed' in item ? `[unreadable: ${item.failed}]` : isSerializable(item.value) ? item.value : `[not serializable: ${typeof item.value}]`);
    }
    return copy;
  }, undefined);
}

/** The last resort when even the careful encoding failed: words only. */
function fallback(thrown: unknown, reason: string): EncodedError {
  return {
    kind: 'error', name: 'Error', cls: null, stack: undefined, props: {},
    message: `${describeThrown(thrown)} was thrown, and could not be carried to the parent as it was (${reason})`,
  };
}

/**
 * Rebuilds the error in the parent: as its class when this process can find it (never by calling its
 * constructor, which may need arguments), else as an Error with its name. `origin` says where it was raised:
 * its `where` is added below the child's stack, so the stack reads from the failing line in the child down to
 * the call in the parent, and the whole origin is kept as the non-enumerable `raisedIn`. Never throws.
 */
export function decodeError(encoded: unknown, origin: Origin | string): unknown {
  const at = typeof origin === 'string' ? { where: origin } : origin;
  try {
    return decode(encoded, at, 0);
  } catch (failure) {
    return new ProtocolError(`the error raised in ${at.where} could not be rebuilt in the parent: ${reasonOf(failure)}`);
  }
}

/** decodeError for an EncodedError the child serialized itself, read inside a try. Never throws. */
export function decodeErrorBytes(bytes: Uint8Array, origin: Origin): unknown {
  let encoded: unknown;
  try {
    encoded = deserialize(bytes);
  } catch (cause) {
    return new SerializationError(`the error raised in ${origin.where} could not be read in the parent: ${reasonOf(cause)}`, { cause });
  }
  return decodeError(encoded, origin);
}

function decode(encoded: unknown, at: Origin, depth: number): unknown {
  if (typeof encoded !== 'object' || encoded === null) throw new TypeError(`it arrived as ${describeThrown(encoded)}`);
  const e = encoded as Record<string, unknown>;
  if (e['kind'] === 'value') return depth === 0 ? thrownValue(e, at) : e['value'];
  const name = typeof e['name'] === 'string' ? e['name'] : 'Error';
  const message = typeof e['message'] === 'string' ? e['message'] : '';
  const cls = classAt(e['cls']) ?? Error;
  const inner = Array.isArray(e['errors']) && depth < MAX_DEPTH ? e['errors'].map((x) => decode(x, at, depth + 1)) : undefined;
  // Reflect.construct makes a real Error (what util.inspect and structured clone recognise) with the class's
  // prototype, without running the class's own constructor.
  const error = (inner === undefined
    ? Reflect.construct(Error, [message], cls)
    : Reflect.construct(AggregateError, [inner, message], cls)) as Error;
  if (error.name !== name) hidden(error, 'name', name);
  // The parent's own frames would only show our message handler, so the stack is the child's, labelled.
  const remote = typeof e['stack'] === 'string' ? e['stack'] : `${name}: ${message}`;
  hidden(error, 'stack', `${remote}\n    --- raised in ${at.where}, re-raised in the parent`);
  const props = e['props'];
  if (typeof props === 'object' && props !== null) {
    // Defined, not assigned: an own "__proto__" key must stay a property, not replace the prototype.
    // A key the error already has (a class field `name`) keeps its attributes, as an assignment would.
    for (const [key, value] of Object.entries(props)) {
      if (!isCarriedProp(key, value)) continue;
      Object.defineProperty(error, key, Object.hasOwn(error, key) ? { value } : { value, enumerable: true, writable: true, configurable: true });
    }
  }
  if (e['cause'] !== undefined && depth < MAX_DEPTH) hidden(error, 'cause', decode(e['cause'], at, depth + 1));
  if (depth === 0 && !Object.hasOwn(error, 'raisedIn')) hidden(error, 'raisedIn', at);
  return error;
}

/** A thrown value that is not an Error, wrapped so that it says where it came from. */
function thrownValue(e: Record<string, unknown>, at: Origin): ThrownValueError {
  const description = typeof e['description'] === 'string' ? e['description'] : 'a value';
  const reason = typeof e['reason'] === 'string' ? e['reason'] : 'it cannot be cloned';
  const kept = e['kept'] === 'whole'
    ? 'the value is kept as error.value'
    : e['kept'] === 'copy'
      ? `a copy is kept as error.value, with what cannot cross replaced by markers (${reason})`
      : `it cannot be sent to another process (${reason}), so error.value is undefined`;
  const error = new ThrownValueError(
    `exceptions must derive from BaseException: ${description} was thrown in ${at.where}, and it is not an Error; ` +
      `${kept}. Throw an Error (throw new Error(…)) to keep a class and a stack`,
    e['kept'] === 'none' ? undefined : e['value'],
  );
  hidden(error, 'stack', `ThrownValueError: ${error.message}\n    --- raised in ${at.where}, re-raised in the parent`);
  hidden(error, 'raisedIn', at);
  return error;
}

/** `target[key] = value` as an own property, even for the key "__proto__" (which an assignment would not make). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function hidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

function safely<T, F>(read: () => T, otherwise: F): T | F {
  try {
    return read();
  } catch {
    return otherwise;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
