/**
 * Honest types (issue 16): results, arguments, Queue items and initargs are typed as what crosses. Checked by
 * `tsc --noEmit` (this file is in tsconfig's include): each `@ts-expect-error` line must fail to compile, every
 * other line must compile. Nothing here runs a process: the checks sit in functions that are never called.
 */
import test from 'ava';
import { Pool, Process, Queue, type Cloned } from '../../src/index.js';
import { makePoint, normOf, Point } from '../fixtures/class-tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** Not registered, not declared in RegisteredClasses: its instances arrive as `{ x, y }`. */
class Unregistered {
  constructor(readonly x: number, readonly y: number) {}

  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

declare function makeUnregistered(x: number, y: number): Unregistered;
declare function unregisteredAt(i: number): Unregistered;
declare function takesUnregistered(p: Unregistered): number;
declare function takesCallback(f: () => void): void;
declare function takesPlain(p: { x: number; y: number }, q: Queue<number>): number;
declare function plainData(): { a: number; nested: { b: string[]; when: Date } };
declare function mapOfDates(): Map<string, Date[]>;
declare function setOfBig(): Set<bigint>;
declare function asyncPair(): Promise<[number, string]>;
declare function square(x: number): number;
/** Shaped like an Error (name, message), but a class of its own: its method does not cross. */
declare class Email {
  name: string;
  message: string;
  send(): void;
}
declare function makeEmail(): Email;
declare function takesNumberOrCallback(x: number | (() => void)): void;
declare function initWithPrefix(prefix: string): void;
declare function initWithNothing(): void;

const results = async (pool: Pool) => {
  // @ts-expect-error an unregistered class arrives as its fields only: norm() is gone
  (await pool.apply(makeUnregistered, [1, 2])).norm();
  // @ts-expect-error the same through map
  (await pool.map(unregisteredAt, [1]))[0]!.norm();
  // @ts-expect-error the same through applyAsync's AsyncResult
  (await pool.applyAsync(makeUnregistered, [1, 2]).get()).norm();
  for await (const each of pool.imap(unregisteredAt, [1])) {
    // @ts-expect-error the same through imap
    each.norm();
  }
  // @ts-expect-error shaped like an Error is not an Error: send() does not cross (found by review)
  (await pool.apply(makeEmail, [])).send();
  // @ts-expect-error a parameter that may be a function: the function cannot cross, whatever else it may be
  await pool.apply(takesNumberOrCallback, [() => undefined]);
  const fields: { readonly x: number; readonly y: number } = await pool.apply(makeUnregistered, [1, 2]);
  // A registered class (declared in RegisteredClasses, see fixtures/class-tasks.ts) keeps its methods.
  const norm: number = (await pool.apply(makePoint, [3, 4])).norm();
  const points: Point[] = await pool.starmap(makePoint, [[3, 4]]);
  // Plain data, Maps, Sets, Dates, BigInt, tuples: what is typed is what arrives.
  const plain: { a: number; nested: { b: string[]; when: Date } } = await pool.apply(plainData, []);
  const dates: Map<string, Date[]> = await pool.apply(mapOfDates, []);
  const bigs: Set<bigint> = await pool.apply(setOfBig, []);
  const pair: [number, string] = await pool.apply(asyncPair, []);
  const squares: number[] = await pool.map(square, [1, 2]);
  // @ts-expect-error inference of results still works: a number is not a string
  const wrong: string[] = await pool.map(square, [1, 2]);
  return [fields, norm, points, plain, dates, bigs, pair, squares, wrong];
};

const args = async (pool: Pool) => {
  // @ts-expect-error an unregistered instance would arrive without the methods the task expects
  await pool.apply(takesUnregistered, [new Unregistered(1, 2)]);
  // @ts-expect-error the same through map
  await pool.map(takesUnregistered, [new Unregistered(1, 2)]);
  // @ts-expect-error a function cannot cross
  await pool.apply(takesCallback, [() => undefined]);
  // @ts-expect-error inference of arguments still works: a string is not a number
  await pool.map(square, ['1']);
  await pool.apply(normOf, [new Point(3, 4)]);
  await pool.map(normOf, [new Point(3, 4)]);
  // A Queue crosses as a Queue; plain data as itself; a class instance where only its fields are expected.
  await pool.apply(takesPlain, [new Unregistered(1, 2), new Queue<number>()]);
};

const queues = async () => {
  const q = new Queue<Unregistered>();
  // @ts-expect-error it would come out of get() without norm()
  await q.put(new Unregistered(1, 2));
  // @ts-expect-error a function cannot cross
  await new Queue<() => void>().put(() => undefined);
  const registered = new Queue<Point>();
  await registered.put(new Point(3, 4));
  const norm: number = (await registered.get()).norm();
  const numbers = new Queue<number>();
  await numbers.put(1);
  // A typed queue is still a queue of unknown (passed to tasks that take any queue).
  const any: Queue<unknown> = numbers;
  return [norm, any];
};

const processes = () => {
  // @ts-expect-error an unregistered instance would arrive without the methods the target expects
  new Process({ target: takesUnregistered, args: [new Unregistered(1, 2)] });
  new Process({ target: normOf, args: [new Point(3, 4)] });
};

const initargs = () => {
  // @ts-expect-error the initializer takes a string
  new Pool({ initializer: initWithPrefix, initargs: [1000] });
  // @ts-expect-error one argument too many
  new Pool({ initializer: initWithPrefix, initargs: ['a', 'b'] });
  // @ts-expect-error the initializer takes none
  new Pool({ initializer: initWithNothing, initargs: [1] });
  const typed: Pool = new Pool({ initializer: initWithPrefix, initargs: ['worker'] });
  const untyped: Pool = new Pool({ processes: 2, initargs: [1, 'x'] });
  return [typed, untyped, new Pool(2)];
};

/** Cloned<T> itself, for users who type what they receive. */
type Check<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type ClonedChecks = [
  Check<Same<Cloned<Unregistered>, { readonly x: number; readonly y: number }>>,
  Check<Same<Cloned<Point>, Point>>,
  Check<Same<Cloned<Map<string, Unregistered>>, Map<string, { readonly x: number; readonly y: number }>>>,
  Check<Same<Cloned<{ f: () => void; n: number }>, { n: number }>>,
  Check<Same<Cloned<() => void>, never>>,
  Check<Same<Cloned<[1, 'a', Date]>, [1, 'a', Date]>>,
  Check<Same<Cloned<unknown>, unknown>>,
  Check<Same<Cloned<TypeError>, TypeError>>,
];

test('first hour: what crosses is typed as what arrives (checked by tsc; the checks are never run)', (t) => {
  for (const check of [results, args, queues, processes, initargs]) t.is(typeof check, 'function');
});
