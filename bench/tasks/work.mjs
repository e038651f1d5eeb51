/**
 * The benchmark's task functions, shared by every Node system (multiproc, the floor, poolifier, workerpool).
 * No imports: a peer's worker that loads this file pays for nothing but these few lines.
 */

/** b, b′, c: the trivial task. */
export function square(x) {
  return x * x;
}

/**
 * d, d′: the seed's cpu_bound_task. Sums in doubles, as JavaScript does (past 2^53 the sum is not exact
 * where Python's int is; the work, n multiply-adds, is the same).
 */
export function sumSquares(n) {
  let total = 0;
  for (let i = 0; i < n; i++) total += i * i;
  return total;
}

/** e: a payload in, a payload of the same size back (a copy, as a worker that computed it would send). */
export function echo(bytes) {
  return new Uint8Array(bytes);
}

/** f, f′: a task that pays no heed to being told to stop (a pool that stops it must stop its worker). */
export async function stubborn(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return process.pid;
}

/** f, f′: which process runs it. */
export function pid() {
  return process.pid;
}

/** g: block this worker for `ms`, as Python's time.sleep does (a task that awaited would free its worker's loop). */
export function sleepFor(ms) {
  Atomics.wait(SLEEPER, 0, 0, ms);
  return ms;
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/**
 * For systems without map or chunks (the floor, poolifier, workerpool): one task per chunk of items, cut with
 * Python's default chunksize, which is what multiproc's and CPython's map send.
 */
export function mapChunk({ fn, items }) {
  const f = BY_NAME[fn];
  const out = new Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = f(items[i]);
  return out;
}

export const BY_NAME = { square, sumSquares, echo, sleepFor };
