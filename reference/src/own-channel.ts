/**
 * A child's channel to its parent belongs to multiproc. Task code that called `process.send` could forge the
 * pool's own messages (a `results` for chunks it never ran, an `init-error` that stops the pool); so a pool
 * worker and a Process child take the real `process.send` for themselves before any task module loads, and
 * leave in its place one that refuses, saying what to use instead.
 * This guards against mistakes, not against hostile code: a task runs with all the powers of its process.
 */
import { ProcessStateError } from './errors.js';

/** What `process.send` does for multiproc's own messages. */
export type Send = (message: unknown, then?: (error: Error | null) => void) => void;

/** Keeps the parent channel for the caller; `role` names the process in the refusal ("a pool worker"). */
export function ownChannel(role: string): Send {
  const real = process.send as ((...args: unknown[]) => boolean) | undefined;
  if (typeof real !== 'function') throw new Error(`${role} must be started by multiproc, with an IPC channel to its parent`);
  Object.defineProperty(process, 'send', {
    value: function send(): never {
      throw new ProcessStateError(
        `process.send() is not available to tasks in ${role}: the channel to the parent carries multiproc's own ` +
          'messages. Return a value from the task, or pass a Queue to send data to the parent while the task runs',
      );
    },
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return (message, then) => {
    if (process.connected) real.call(process, message, undefined, undefined, then ?? noop);
  };
}

const noop = (): void => undefined;
