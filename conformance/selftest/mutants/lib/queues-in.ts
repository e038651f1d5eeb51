import type { QueueHandle } from '../../../harness/implementation.js';

/** Whether `value` is a queue handle (what a rule passes among a process's or a task's arguments). */
export const isQueue = (value: unknown): value is QueueHandle =>
  typeof value === 'object' && value !== null && typeof (value as QueueHandle).put === 'function' && typeof (value as QueueHandle).getNowait === 'function';

/** The queues among a process's arguments. */
export const queuesIn = (args: readonly unknown[] | undefined): QueueHandle[] => (args ?? []).filter(isQueue);
