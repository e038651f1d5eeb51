/**
 * A child's channel to its parent belongs to multiproc. Task code that called `process.send` could forge the
 * pool's own messages (a `results` for chunks it never ran, an `init-error` that stops the pool); so a pool
 * worker and a Process child take Node's writer for themselves before any task module loads, and leave in its
 * place (`process.send`, and the internal `process._send` behind it) one that refuses, saying what to use.
 * This guards against mistakes, not against hostile code: a task runs with all the powers of its process, and
 * one that writes raw bytes to the channel's file descriptor can still break it.
 */
import { ProcessStateError } from './errors.js';

/** What `process.send` does for multiproc's own messages. */
export type Send = (message: unknown, then?: (error: Error | null) => void) => void;

type RawSend = (message: unknown, handle: undefined, options: object, callback: (error: Error | null) => void) => boolean;

/** Keeps the parent channel for the caller; `role` names the process in the refusal ("a pool worker"). */
export function ownChannel(role: string): Send {
  const raw = (process as unknown as { _send?: RawSend })._send;
  if (typeof process.send !== 'function' || typeof raw !== 'function') {
    throw new Error(`${role} must be started by multiproc, with an IPC channel to its parent`);
  }
  const refuse = function send(): never {
    throw new ProcessStateError(
      `process.send() is not available to tasks in ${role}: the channel to the parent carries multiproc's own ` +
        'messages. Return a value from the task, or pass a Queue to send data to the parent while the task runs',
    );
  };
  for (const key of ['send', '_send']) {
    Object.defineProperty(process, key, { value: refuse, writable: true, enumerable: key === 'send', configurable: true });
  }
  // Node's own send checks the channel and calls _send; we do the same with the writer we kept. A message that
  // cannot go still calls back, on the next tick as Node's does: a worker that leaves once its last message is
  // out would otherwise wait for ever.
  return (message, then) => {
    if (process.connected) raw.call(process, message, undefined, {}, then ?? noop);
    else if (then !== undefined) process.nextTick(then, new Error(`${role}'s channel to its parent is closed`));
  };
}

const noop = (): void => undefined;
