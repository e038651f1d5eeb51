/** What the cluster fault tests share besides cluster-helpers.ts: their task module, and a bounded wait. */
import { modulePath } from '../../../test-support/repo-paths.js';

export const FAULT_TASKS = modulePath(import.meta.url, './fixtures/fault-tasks');

/** Resolves once `condition()` holds, polled every 50 ms; rejects naming `what` after `ms`. */
export async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for this, in vain: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
