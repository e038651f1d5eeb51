/**
 * The task catalog of the properties: small pure functions whose sequential result (`xs.map(f)` in the
 * parent) is the oracle for the parallel one, plus a few with effects the properties observe (an initializer
 * that counts its runs in a file, process targets that end in a chosen way, queue operations).
 * Workers import this module: it must not import ava or anything that only the test process can load.
 */
import { appendFileSync } from 'node:fs';
import { Queue, QueueEmpty, QueueFull, tasks } from './implementation.js';
import { describeValue } from './describe-value.js';

export { describeValue };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A user-defined error class: it reaches the parent as an Error named 'ValueError' with its `item`. */
export class ValueError extends Error {
  constructor(message: string, readonly item: unknown) {
    super(message);
  }
}
// On the prototype, not an own field: the name must cross as the error's name, not as a copied property.
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError', writable: true, configurable: true });

export function echo<T>(value: T): T {
  return value;
}

export function square(x: number): number {
  return x * x;
}

export function double(x: number): number {
  return 2 * x;
}

/** The starmap task: its text shows how many arguments arrived, in which order, each exactly. */
export function concatArgs(...args: unknown[]): string {
  return `(${args.map(describeValue).join(', ')})`;
}

/** Returns `value` after `ms`: uneven delays make workers finish out of input order. */
export async function echoLater([value, ms]: readonly [unknown, number]): Promise<unknown> {
  await sleep(ms);
  return value;
}

/** Where a typed array's elements sit in its buffer, as the worker sees it. */
export function viewOf(array: ArrayBufferView): { byteOffset: number; bufferBytes: number } {
  return { byteOffset: array.byteOffset, bufferBytes: array.buffer.byteLength };
}

/** The predicate `maybeThrow` refuses: multiples of 5 (kept here so that the parent's model uses the same). */
export function isRefused(x: number): boolean {
  return x % 5 === 0;
}

/** `x + 1`, except that it throws a ValueError carrying `x` when `isRefused(x)`. */
export function maybeThrow(x: number): number {
  if (isRefused(x)) throw new ValueError(`maybeThrow refuses ${x}: it is a multiple of 5`, x);
  return x + 1;
}

/** maybeThrow after `ms`, as a rejected promise: async failures too. */
export async function maybeThrowLater([x, ms]: readonly [number, number]): Promise<number> {
  await sleep(ms);
  return maybeThrow(x);
}

// ——— the initializer and what it lets a task report ———

let initRuns = 0;

/** Initializer: appends this worker's pid to `file` (one small O_APPEND write: lines never interleave). */
export function countInit(file: string): void {
  initRuns++;
  appendFileSync(file, `${process.pid}\n`);
}

/** Which worker ran item `x`, and how often the initializer ran in it. */
export function whoRan(x: number): { x: number; pid: number; initRuns: number } {
  return { x, pid: process.pid, initRuns };
}

// ——— Process targets: each ends its process one way ———

export function returnNothing(): void {}

export async function resolveLater(ms: number): Promise<string> {
  await sleep(ms);
  return 'done';
}

export function throwError(message: string): never {
  throw new ValueError(message, null);
}

export async function rejectLater(ms: number): Promise<never> {
  await sleep(ms);
  throw new TypeError('rejected on purpose');
}

export function exitWith(code: number): never {
  process.exit(code);
}

export async function exitLater(code: number, ms: number): Promise<never> {
  await sleep(ms);
  process.exit(code);
}

/** Sends itself `signal`; a signal whose default action is not to terminate would let it return after 10 s. */
export async function signalSelf(signal: NodeJS.Signals): Promise<void> {
  process.kill(process.pid, signal);
  await sleep(10_000);
}

export async function sleepFor(ms: number): Promise<void> {
  await sleep(ms);
}

// ——— queue operations run in another process, one round trip each ———

export type QueueOp =
  | { readonly op: 'put'; readonly item: unknown; readonly timeoutMs?: number }
  | { readonly op: 'putNowait'; readonly item: unknown }
  | { readonly op: 'get'; readonly timeoutMs?: number }
  | { readonly op: 'getNowait' }
  | { readonly op: 'qsize' };

/** What an operation did, as data: the value, or the error's class (QueueEmpty, QueueFull, …) and message. */
export type QueueOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string; readonly message: string };

export async function queueOp(queue: Queue, request: QueueOp): Promise<QueueOutcome> {
  try {
    return { ok: true, value: await runQueueOp(queue, request) };
  } catch (error) {
    const { name, message } = error as Error;
    // The class itself, so that a renamed error does not pass for the right one.
    const kind = error instanceof QueueEmpty ? 'QueueEmpty' : error instanceof QueueFull ? 'QueueFull' : name;
    return { ok: false, error: kind, message };
  }
}

export function runQueueOp(queue: Queue, request: QueueOp): Promise<unknown> {
  switch (request.op) {
    case 'put':
      return queue.put(request.item, request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs });
    case 'putNowait':
      return queue.putNowait(request.item);
    case 'get':
      return queue.get(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs });
    case 'getNowait':
      return queue.getNowait();
    case 'qsize':
      return queue.qsize();
  }
}

tasks(import.meta, {
  echo,
  describeValue,
  square,
  double,
  concatArgs,
  echoLater,
  viewOf,
  maybeThrow,
  maybeThrowLater,
  countInit,
  whoRan,
  returnNothing,
  resolveLater,
  throwError,
  rejectLater,
  exitWith,
  exitLater,
  signalSelf,
  sleepFor,
  queueOp,
});
