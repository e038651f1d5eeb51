/**
 * What a value is once it has crossed to another process, as a type. Values cross by structured clone: plain
 * data keeps its shape, a function cannot cross, and an instance of a class arrives as its own data fields, its
 * methods gone, unless its class is registered beside the tasks (revive.ts). The type system cannot see that
 * run-time registry, so a program says which classes it registers by declaration merging:
 *
 *     tasks(import.meta, { Point, norm });
 *     declare module 'multiproc' {
 *       interface RegisteredClasses { Point: Point }
 *     }
 *
 * @python pickle: what unpickles is what was pickled, classes found again by module and name.
 */
import type { Queue } from './queue/queue.js';

/**
 * The classes this program registers with `tasks()`, by any name: their instances arrive as themselves, so
 * their types are kept whole. Empty until a program adds to it (see the module's comment).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface RegisteredClasses {}

type Registered = RegisteredClasses[keyof RegisteredClasses];
type Primitive = string | number | boolean | bigint | null | undefined;
/** Built-ins structured clone rebuilds as themselves. */
type BuiltIn = Date | RegExp | ArrayBuffer | ArrayBufferView;
/**
 * True when `T` is one of `U` both ways round, not merely shaped like one: a user's class with a `name` and a
 * `message` is no Error (it would keep its methods), nor is every type with an `x` a registered Point.
 */
type IsOneOf<T, U> = true extends (U extends unknown ? ([T] extends [U] ? ([U] extends [T] ? true : false) : false) : never) ? true : false;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => unknown;

/**
 * `T` as it arrives in another process: functions, symbols and promises are `never` (they cannot cross),
 * Map, Set, arrays and plain objects are rebuilt of what their contents become, an object's function-valued
 * properties (a class's methods) are gone, and instances of `RegisteredClasses` are kept whole.
 * Known limits: a getter on an unregistered class's prototype still shows (the type cannot tell it from a field),
 * and private `#fields` never cross, registered or not.
 */
export type Cloned<T> = Clone<T, never>;

/** Cloned<T>, with `Keep` kept whole too (arguments: a Queue crosses as a Queue). */
type Clone<T, Keep> = 0 extends 1 & T
  ? T // any stays any
  : T extends Primitive
    ? T
    : T extends symbol | AnyFunction | PromiseLike<unknown>
      ? never
      : T extends BuiltIn
        ? T
        : IsOneOf<T, Error | Registered | Keep> extends true
        ? T
        : T extends ReadonlyMap<infer K, infer V>
          ? Map<Clone<K, Keep>, Clone<V, Keep>>
          : T extends ReadonlySet<infer V>
            ? Set<Clone<V, Keep>>
            : T extends readonly unknown[]
              ? { [K in keyof T]: Clone<T[K], Keep> }
              : T extends object
                ? { [K in keyof T as T[K] extends AnyFunction ? never : K]: Clone<T[K], Keep> }
                : T;

/**
 * The type an argument of a task must be given as: the parameter's own type when what arrives is still one
 * (plain data, registered classes, queues), else a type no value has, whose one property says why, so that
 * passing an unregistered class instance or a function is a compile-time error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sendable<P> = [Clone<P, Queue<any>>] extends [never]
  ? ([P] extends [never] ? P : NotSendable)
  // Both ways: a union with a function (number | (() => void)) clones to number, which fits P but is not all of it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  : [Clone<P, Queue<any>>] extends [P] ? ([P] extends [Clone<P, Queue<any>>] ? P : NotSendable) : NotSendable;

/** Every element of an argument list, as `Sendable`. */
export type SendableArgs<A extends readonly unknown[]> = { [K in keyof A]: Sendable<A[K]> };

/** The type of an argument that would not arrive as the task declares it. */
export interface NotSendable {
  readonly 'this argument cannot cross to another process as the task expects it: a function cannot cross, and a class instance arrives without its methods unless its class is registered with tasks() and declared in RegisteredClasses': never;
}
