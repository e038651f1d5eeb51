/**
 * Where chunk results go: each submitted job has a sink, found by job id when a result arrives (as CPython's
 * result handler finds `cache[job]`).
 */
import { AsyncResult, type ResultCallbacks } from './async-result.js';
import type { CallbackContext } from './callback-errors.js';
import type { Values } from './packed.js';

export interface JobSink {
  /** Results of items `start … start + values.length - 1`. */
  chunkDone(start: number, values: Values): void;
  /** The chunk failed at item `start + values.length`; `values` are the results before it. */
  chunkFailed(start: number, values: readonly unknown[], error: unknown): void;
  /** The whole job ends with `error` (pool terminated or broken): nothing more will arrive. */
  abort(error: unknown): void;
  /**
   * Its call was aborted through its signal: ends with `error` at once, results already received included (an
   * imap does not yield them first). abort() when left out.
   */
  cancel?(error: unknown): void;
}

/** apply/applyAsync: a job of one chunk holding one argument list. @python ApplyResult */
export class ApplyJob<T> extends AsyncResult<T> implements JobSink {
  chunkDone(_start: number, values: Values): void {
    this.resolve(values[0] as T);
  }
  chunkFailed(_start: number, _values: readonly unknown[], error: unknown): void {
    this.reject(error);
  }
  abort(error: unknown): void {
    this.reject(error);
  }
}

/** map/starmap: fills an array in input order; the first failing chunk decides. @python MapResult */
export class MapJob<T> extends AsyncResult<T[]> implements JobSink {
  readonly #length: number;
  #values: T[] | undefined;
  #left: number;

  constructor(length: number, callbacks?: ResultCallbacks<T[]>, context?: CallbackContext) {
    super(callbacks, context);
    this.#length = length;
    this.#left = length;
    if (length === 0) this.resolve([]);
  }

  chunkDone(start: number, values: Values): void {
    const into = (this.#values ??= resultArray<T>(this.#length, values instanceof Float64Array));
    for (let i = 0; i < values.length; i++) into[start + i] = values[i] as T;
    this.#left -= values.length;
    if (this.#left === 0) this.resolve(into);
  }

  chunkFailed(_start: number, _values: readonly unknown[], error: unknown): void {
    this.reject(error);
  }

  abort(error: unknown): void {
    this.reject(error);
  }
}

/**
 * The array a map fills. When results come packed, one double is stored before anything else so that V8 lays
 * the array out as doubles at once: a switch from small integers to doubles halfway through 200,000 stores
 * made filling it twice as slow as allocating it. The placeholder is overwritten by chunk 0, which every map
 * that resolves has received.
 */
function resultArray<T>(length: number, numbers: boolean): T[] {
  const array = new Array<T>(length);
  if (numbers) (array as unknown[])[0] = 0.5;
  return array;
}
