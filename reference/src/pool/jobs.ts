/**
 * Where chunk results go: each submitted job has a sink, found by job id when a result arrives (as CPython's
 * result handler finds `cache[job]`).
 */
import { AsyncResult, type ResultCallbacks } from './async-result.js';
import type { Values } from './packed.js';

export interface JobSink {
  /** Results of items `start … start + values.length - 1`. */
  chunkDone(start: number, values: Values): void;
  /** The chunk failed at item `start + values.length`; `values` are the results before it. */
  chunkFailed(start: number, values: readonly unknown[], error: unknown): void;
  /** The whole job ends with `error` (pool terminated or broken): nothing more will arrive. */
  abort(error: unknown): void;
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
  readonly #values: T[];
  #left: number;

  constructor(length: number, callbacks?: ResultCallbacks<T[]>) {
    super(callbacks);
    this.#values = new Array<T>(length);
    this.#left = length;
    if (length === 0) this.resolve(this.#values);
  }

  chunkDone(start: number, values: Values): void {
    for (let i = 0; i < values.length; i++) this.#values[start + i] = values[i] as T;
    this.#left -= values.length;
    if (this.#left === 0) this.resolve(this.#values);
  }

  chunkFailed(_start: number, _values: readonly unknown[], error: unknown): void {
    this.reject(error);
  }

  abort(error: unknown): void {
    this.reject(error);
  }
}
