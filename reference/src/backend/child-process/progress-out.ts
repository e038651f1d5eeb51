/**
 * The worker's side of progress: what the running task reports through currentTask().progress(value), on its
 * way to the parent. Coalesced: at most one message per PROGRESS_MS, the latest value winning, so a synchronous
 * task that reports a million times sends a few dozen messages. The clock is read at each call (a
 * performance.now(), no timer per call); a value held back goes when the window ends (one timer per window,
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
/** Which of its items runs now. */
let offset = 0;
let lastSent = -Infinity;
let held = false;
let heldValue: unknown;
let heldOffset = 0;
let timer: NodeJS.Timeout | undefined;

provideProgress(report);

export function provideProgressSender(send: ProgressSender): void {
  sender = send;
}

/** A chunk whose call asked for progress starts. */
export function reportingStarts(seq: number): void {
  reporting = seq;
  offset = 0;
}

/** Its item `at` starts (run-chunk.ts says so only for a reporting chunk). */
export function reportingAt(at: number): void {
  offset = at;
}

/** The reporting chunk ended: what it reported last goes now, before its result. */
export function reportingEnds(): void {
  if (held) sendHeld();
  reporting = -1;
}

function report(value: unknown): void {
  if (reporting < 0 || sender === undefined) return;
  const copy = sendable(value);
  const now = performance.now();
  if (now - lastSent >= PROGRESS_MS) {
    if (held) {
      held = false;
      heldValue = undefined;
    }
    lastSent = now;
    sender(reporting, offset, copy);
    return;
  }
  held = true;
  heldValue = copy;
  heldOffset = offset;
  timer ??= setTimeout(sendHeld, PROGRESS_MS - (now - lastSent)).unref();
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
 * `value` as it will reach the parent, or a SerializationError thrown in the task. Primitives cross as they
 * are; an object is cloned and read back now, as results are (bytes.ts): a value V8 writes but cannot read back
 * would otherwise kill the parent's IPC reader, and a copy keeps what the task reported even if it then changes
 * the object.
 */
function sendable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value !== 'function' && typeof value !== 'symbol') return value;
  }
  try {
    return deserialize(serialize(value));
  } catch (cause) {
    throw new SerializationError(`currentTask().progress(value): the value cannot be sent to the parent: ${cloneFailure(value) ?? String(cause)}; ` +
      'report plain data (numbers, strings, plain objects and arrays of them)', { cause });
  }
}
