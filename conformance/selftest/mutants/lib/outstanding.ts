/** Whether work may still be running on a pool when `event` (a close() or terminate()) starts. */
import type { TraceEvent } from './trace.js';
import { ASYNC_SUBMIT, settledBefore, type TraceView } from './trace-view.js';

export function outstandingAt(t: TraceView, event: TraceEvent): boolean {
  const index = t.indexOf(event);
  return t.submissions(event.handle).some((submitted) => {
    if (t.indexOf(submitted) >= index) return false;
    if (t.pendingAt(submitted, index)) return true;
    if (!(ASYNC_SUBMIT as readonly string[]).includes(submitted.op) || submitted.creates === undefined) return false;
    // An async result counts as finished once a get() on it returned (or raised before its timeout) before `event`.
    return !settledBefore(t, submitted.creates, index);
  });
}
