/**
 * A worker's progress message, to its call's listener. The worker sends the results it held back first, so the
 * chunk the message is about is the oldest one it holds; anything else is a protocol fault, as for results.
 */
import type { ProgressMessage } from '../backend/protocol.js';
import type { ResultRouter } from './result-router.js';
import type { Task } from './task.js';

/** Delivers `message` about `running` (the worker's oldest chunk); returns what is wrong with it, if anything. */
export function routeProgress(running: Task | undefined, message: ProgressMessage, router: ResultRouter): string | undefined {
  if (running === undefined || running.seq !== message.seq) {
    return `progress of chunk ${message.seq} while ${running === undefined ? 'it held none' : `chunk ${running.seq} was next`}`;
  }
  if (running.progress === undefined) return `progress of chunk ${message.seq}, whose call did not ask for it`;
  if (message.offset >= running.items.length) return `progress of item ${message.offset} of chunk ${message.seq}, which has ${running.items.length}`;
  // A call that has settled (failed, aborted, its imap abandoned) hears nothing more.
  if (router.has(running.job)) running.progress.reported(running.start + message.offset, message.value);
  return undefined;
}
