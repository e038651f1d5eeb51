/**
 * An AsyncResultHandle over a promise, with the reference's semantics (get/wait bounded by their timeout,
 * successful() raising until ready, both callbacks recorded), for mutants that build a result themselves.
 */
import type { AsyncResultHandle } from '../../../harness/implementation.js';
import { settlesWithin } from '../../../harness/settles-within.js';
import { sleep, type ResultContext } from './mutant.js';

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

class NotReadyError extends Error {
  override name = 'NotReadyError';
}

export function resultOf(promise: Promise<unknown>): AsyncResultHandle {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown } | undefined;
  const values: unknown[] = [];
  const errors: { name: string; message: string }[] = [];
  const settled = promise.then(
    (value) => {
      outcome = { ok: true, value };
      values.push(value);
    },
    (error: unknown) => {
      outcome = { ok: false, error };
      errors.push(error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error, message: String(error) });
    },
  );
  const waitFor = (timeoutMs: number | undefined) => settlesWithin(settled, timeoutMs);
  return {
    get: async (timeoutMs) => {
      if (!(await waitFor(timeoutMs))) throw new TimeoutError(`no result within ${timeoutMs} ms`);
      if (outcome!.ok) return outcome!.value;
      throw outcome!.error;
    },
    wait: async (timeoutMs) => {
      await waitFor(timeoutMs);
    },
    ready: async () => outcome !== undefined,
    successful: async () => {
      if (outcome === undefined) throw new NotReadyError('result not ready');
      return outcome.ok;
    },
    callbacks: async () => ({ values: [...values], errors: [...errors] }),
  };
}

/**
 * A result.get patch for mutants whose results stay pending for ever where the reference rejects (as CPython's
 * do): an error that `lost` recognises becomes a hang for get(), and for get(timeout) a TimeoutError once the
 * timeout has run out.
 */
export function getPendingForEver(lost: (error: unknown) => boolean) {
  return (base: AsyncResultHandle, { pool }: ResultContext): AsyncResultHandle['get'] => async (timeoutMs) => {
    const started = performance.now();
    try {
      return await base.get(timeoutMs);
    } catch (error) {
      if (!lost(error)) throw error;
      if (timeoutMs === undefined) return pool.session.hang();
      await sleep(Math.max(0, timeoutMs - (performance.now() - started)));
      throw new TimeoutError(`no result within ${timeoutMs} ms`);
    }
  };
}
