/**
 * The worker's side of progress: what the running task reports through currentTask().progress(value), on its
 * way to the parent. Coalesced: at most one message per PROGRESS_MS, the latest value winning, so a synchronous
 * task that reports a million times sends a few dozen messages. The clock is checked as calls come (see
 * `countdown`), never with a timer per call; a value held back goes when the window ends (one timer per window,
 * which fires only once an asynchronous task lets the event loop turn) or, at the latest, just before its
 * chunk's result. Only a chunk whose call asked for progress reports: for any other, progress() returns at once.
 */
import { deserialize, serialize } from 'node:v8';
import { provideProgress } from '../../pool/current-task.js';
import { SerializationError } from '../../errors.js';
import { cloneFailure } from '../../serialization.js';

/** At most one progress message per this many ms per worker (so per task: a worker runs one at a time). */
export const PROGRESS_MS = 16;

/** Sends one progress message, after the results the worker holds back (worker-main.ts). */
export type ProgressSender = (seq: number, offset: number, value: unknown) => void;

let sender: ProgressSender | undefined;
/** The running chunk, when its call asked for progress; -1 otherwise. */
let reporting = -1;
/** Its results so far: their count is the offset of the item running now. */
let position: { readonly length: number } | undefined;
let lastSent = -Infinity;
let held = false;
let heldValue: unknown;
let heldOffset = 0;
let timer: NodeJS.Timeout | undefined;
/**
 * Calls left before the clock is read again, and how many calls apart it is read. A task that reports at every
 * item of a tight loop makes a call every few tens of nanoseconds, about what performance.now() itself costs:
 * while calls come faster than CLOCK_STRIDE_MS apart the clock is read at every 2nd, 4th, … (at most 1,024th)
 * call, and at every call again as soon as they slow down.
 */
let countdown = 0;
let stride = 1;
let lastRead = 0;
const CLOCK_STRIDE_MS = 0.05;
const MAX_STRIDE = 1024;

provideProgress(report);

export function provideProgressSender(send: ProgressSender): void {
  sender = send;
}

/** The sender the worker entry provided (the cluster's chunk runner wraps it: progress-relay.ts). */
export function progressSender(): ProgressSender | undefined {
  return sender;
}

/** A chunk whose call asked for progress starts. */
export function reportingStarts(seq: number): void {
  reporting = seq;
  position = undefined;
  countdown = 0;
  stride = 1;
}

/** Where the reporting chunk collects its results (run-chunk.ts): the item running is the next one. */
export function reportingIn(results: { readonly length: number }): void {
  position = results;
}

/** The reporting chunk ended: what it reported last goes now, before its result. */
export function reportingEnds(): void {
  if (held) sendHeld();
  reporting = -1;
  position = undefined;
}

function report(value: unknown): void {
  if (reporting < 0) return;
  // Primitives cross as they are; only an object (or what cannot cross at all) is looked at. A number, the usual
  // report, is told apart with one test: this runs at every item of a tight loop (issue 18, c-report).
  if (typeof value === 'number') heldValue = value;
  else {
    const type = typeof value;
    heldValue = (type === 'object' && value !== null) || type === 'function' || type === 'symbol' ? sendable(value) : value;
  }
  heldOffset = position === undefined ? 0 : position.length;
  held = true;
  // Sent when the window ends even if the task reports no more: one timer per window, never one per call. It
  // fires PROGRESS_MS after a call that came after the last send, so never sooner than PROGRESS_MS after it.
  timer ??= setTimeout(sendHeld, PROGRESS_MS).unref();
  if (--countdown > 0) return;
  const now = performance.now();
  stride = now - lastRead < CLOCK_STRIDE_MS ? Math.min(stride * 2, MAX_STRIDE) : 1;
  countdown = stride;
  lastRead = now;
  if (now - lastSent >= PROGRESS_MS) sendHeld();
}

function sendHeld(): void {
  if (timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
  }
  if (!held || reporting < 0) return;
  const value = heldValue;
  held = false;
  heldValue = undefined;
  lastSent = performance.now();
  sender!(reporting, heldOffset, value);
}

/**
 * An object `value` as it will reach the parent, or a SerializationError thrown in the task. It is cloned and
 * read back now, as results are (bytes.ts): a value V8 writes but cannot read back would otherwise kill the
 * parent's IPC reader, and a copy keeps what the task reported even if it then changes the object.
 */
function sendable(value: unknown): unknown {
  try {
    return deserialize(serialize(value));
  } catch (cause) {
    throw new SerializationError(`currentTask().progress(value): the value cannot be sent to the parent: ${cloneFailure(value) ?? String(cause)}; ` +
      'report plain data (numbers, strings, plain objects and arrays of them)', { cause });
  }
}
