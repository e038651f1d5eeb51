/**
 * PoolHandle.progressing() for the reference (pool.progress): each method called with an onProgress that records
 * every update it hears, and whether the call had settled by then; the outcome is given once the call settled and
 * a quiet period passed, so that an update delivered late is seen.
 */
import type { Pool, ProgressUpdate, TaskFunction } from '../../../../reference/src/index.js';
import type { ProgressCall, ProgressOutcome, ProgressRecord } from '../../../harness/index.js';
import { describeError } from './describe-error.js';

type Settled = Omit<ProgressOutcome, 'updates'>;

export async function progressing(pool: Pool, fn: TaskFunction, call: ProgressCall): Promise<ProgressOutcome> {
  const updates: ProgressRecord[] = [];
  let settled: Settled | undefined;
  const onProgress = (update: ProgressUpdate): void => {
    updates.push({ ...update, afterSettled: settled !== undefined });
  };
  const options = { onProgress };
  const items = call.payload as never[];
  let outcome: Promise<unknown>;
  try {
    switch (call.method) {
      case 'apply':
        outcome = pool.apply(fn, items, undefined, options);
        break;
      case 'applyAsync':
        outcome = pool.applyAsync(fn, items, options).get();
        break;
      case 'map':
        outcome = pool.map(fn, items, call.chunksize, options);
        break;
      case 'starmap':
        outcome = pool.starmap(fn, items, call.chunksize, options);
        break;
      case 'mapAsync':
        outcome = pool.mapAsync(fn, items, call.chunksize, options).get();
        break;
      case 'starmapAsync':
        outcome = pool.starmapAsync(fn, items, call.chunksize, options).get();
        break;
      case 'imap':
      case 'imapUnordered':
        outcome = collect(pool[call.method](fn, items, call.chunksize ?? 1, options));
        break;
    }
  } catch (error) {
    outcome = Promise.reject(error);
  }
  await outcome.then(
    (value) => void (settled = { settled: 'resolved', value }),
    (error: unknown) => void (settled = { settled: 'rejected', error: describeError(error) }),
  );
  await new Promise((resolve) => setTimeout(resolve, call.quietMs ?? 200));
  return { ...settled!, updates };
}

async function collect(iterator: AsyncIterable<unknown>): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of iterator) values.push(value);
  return values;
}
