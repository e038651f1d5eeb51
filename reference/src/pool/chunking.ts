/**
 * How a map's input is cut into chunks. @python multiprocessing.pool.Pool._map_async
 */
import { describeValue } from '../describe-value.js';

/** Python's default: about four chunks per worker, rounded up; 0 for an empty input. */
export function defaultChunksize(length: number, processes: number): number {
  if (length === 0) return 0;
  const whole = Math.floor(length / (processes * 4));
  return length % (processes * 4) === 0 ? whole : whole + 1;
}

/** Validates a chunksize given by the caller. @python ValueError("Chunksize must be 1+, not …") */
export function checkChunksize(chunksize: number): number {
  if (typeof chunksize !== 'number') {
    throw new TypeError(`chunksize must be a positive integer, got ${describeValue(chunksize)}: pass a number or leave it out`);
  }
  if (!Number.isInteger(chunksize) || chunksize < 1) {
    throw new RangeError(`Chunksize must be 1+, not ${chunksize}: pass a positive integer or leave it out`);
  }
  return chunksize;
}
