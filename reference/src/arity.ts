/**
 * Too many arguments, refused as Python refuses them (TypeError: f() takes from 1 to 2 positional arguments but
 * 3 were given). JavaScript drops extra arguments without a word, so a Python-shaped call (`r.get(5, True)`,
 * `pool.map(f, xs, 1, callback)`) would run with part of what was meant; the message names the method and, where
 * the extra argument has a Python meaning, the multiproc form of it. Trailing `undefined`s are not counted: a
 * wrapper that forwards every parameter passes them.
 */

/** The count of arguments that were given: up to the last one that is not undefined. */
export function givenCount(args: ArrayLike<unknown>): number {
  let count = args.length;
  while (count > 0 && args[count - 1] === undefined) count--;
  return count;
}

/**
 * Throws a TypeError when more than `max` arguments were given to `method` (`Pool.map`, `new Queue`); `min` is
 * how many it requires, for the message. `hint`, given the arguments, says what the call means in multiproc.
 * Call it only when `args.length > max`: the usual call pays one comparison.
 */
export function checkArity(args: ArrayLike<unknown>, max: number, method: string, min = 0,
  hint?: (args: readonly unknown[]) => string | undefined): void {
  const count = givenCount(args);
  if (count <= max) return;
  const takes = min === max ? `${max}` : `from ${min} to ${max}`;
  const fix = hint?.(Array.from(args));
  throw new TypeError(
    `${method}() takes ${takes} positional argument${max === 1 && min === max ? '' : 's'} but ${count} ${count === 1 ? 'was' : 'were'} given` +
      (fix === undefined ? '' : `; ${fix}`),
  );
}

/** The hint of a waiting method whose one argument is its timeout (`r.get(5, True)`): `get(ms) or get({ timeoutMs })`. */
export function timeoutOnly(call: string): () => string {
  return () => `its one argument is the timeout: ${call}(ms) or ${call}({ timeoutMs })`;
}

/** Python's seconds as milliseconds, for a message's fix: 0.1 → 100 (no 100.00000000000001). */
export function secondsToMs(seconds: number): number {
  return Number((seconds * 1000).toPrecision(12));
}
