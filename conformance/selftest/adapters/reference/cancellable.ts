/**
 * PoolHandle.cancellable() for the reference (pool.cancel): each method called with an AbortSignal the rule
 * fires, its outcome recorded (never thrown), and what it delivers after it first settled counted.
 */
import type { Pool, TaskFunction } from '../../../../reference/src/index.js';
import type { CancellableCall, CancellableHandle, CancellableOutcome } from '../../../harness/index.js';
import { describeError } from './describe-error.js';

type Settled = Omit<CancellableOutcome, 'afterwards'>;

/** describeError, and the error's cause as text (the reason the signal was aborted with). */
function describeWithCause(error: unknown): NonNullable<CancellableOutcome['error']> {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  return { ...describeError(error), ...(cause === undefined ? {} : { cause: cause instanceof Error ? cause.message : String(cause) }) };
}

/** Makes `call` on `pool` with `fn` (the catalog task) and a signal the handle aborts. */
export function cancellable(pool: Pool, fn: TaskFunction, call: CancellableCall): CancellableHandle {
  const controller = new AbortController();
  if (call.abortedBefore === true) controller.abort('aborted before the call');
  const options = {
    signal: controller.signal,
    ...(call.graceMs === undefined ? {} : { graceMs: call.graceMs }),
    ...(call.timeoutMs === undefined ? {} : { timeoutMs: call.timeoutMs }),
    ...(call.queueTimeoutMs === undefined ? {} : { queueTimeoutMs: call.queueTimeoutMs }),
  };
  let settled: Settled = { settled: 'pending' };
  let deliveries = 0;
  const settle = (outcome: Settled) => {
    deliveries++;
    if (settled.settled === 'pending') settled = outcome;
  };
  const resolved = (value: unknown) => settle({ settled: 'resolved', value });
  const rejected = (error: unknown) => settle({ settled: 'rejected', error: describeWithCause(error) });
  const callbacks = { callback: resolved, errorCallback: rejected };
  const items = call.payload as never[];
  const viaResult = (result: { get(): Promise<unknown> }) => void result.get().catch(() => undefined);
  try {
    switch (call.method) {
      case 'apply':
        pool.apply(fn, items, undefined, options).then(resolved, rejected);
        break;
      case 'applyAsync':
        viaResult(pool.applyAsync(fn, items, { ...options, ...callbacks }));
        break;
      case 'map':
        pool.map(fn, items, call.chunksize, options).then(resolved, rejected);
        break;
      case 'starmap':
        pool.starmap(fn, items, call.chunksize, options).then(resolved, rejected);
        break;
      case 'mapAsync':
        viaResult(pool.mapAsync(fn, items, call.chunksize, { ...options, ...callbacks }));
        break;
      case 'starmapAsync':
        viaResult(pool.starmapAsync(fn, items, call.chunksize, { ...options, ...callbacks }));
        break;
      case 'imap':
      case 'imapUnordered':
        void drain(pool[call.method](fn, items, call.chunksize ?? 1, options), resolved, rejected, () => deliveries++);
        break;
    }
  } catch (error) {
    rejected(error);
  }
  return {
    abort: async (reason) => controller.abort(reason),
    outcome: async () => ({ ...settled, afterwards: Math.max(0, deliveries - 1) }),
  };
}

/** Reads an imap to its end or its error; then asks three more times, counting anything it still yields. */
async function drain(iterator: AsyncIterator<unknown>, resolved: (values: unknown[]) => void, rejected: (error: unknown) => void,
  later: () => void): Promise<void> {
  const values: unknown[] = [];
  try {
    for (let step = await iterator.next(); step.done !== true; step = await iterator.next()) values.push(step.value);
    resolved(values);
  } catch (error) {
    rejected(error);
  }
  for (let i = 0; i < 3; i++) {
    try {
      if ((await iterator.next()).done !== true) later();
    } catch {
      later();
    }
  }
}
