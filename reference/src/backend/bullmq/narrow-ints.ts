/**
 * A map's items cross to a cluster worker as V8 bytes in base64 inside BullMQ's JSON job data, and every byte is
 * paid for several times: base64 and JSON in the pool, the Redis write, JSON in the worker command, the hand-off
 * to its local pool's child, base64 there (issue 19's map of 200k tiny ints: those copies, not the task, are most
 * of its time). A run of numbers is a Float64Array (packed.ts), 8 bytes a number; when every one is a 32-bit
 * integer (ids, indices, counts: the usual map input) an Int32Array holds the same values in half the bytes.
 */

/** `values` as an Int32Array when each is an integer of 32 bits (and none is -0, which it would turn into 0). */
export function narrowInts(values: Float64Array): Int32Array | undefined {
  const narrow = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if ((value | 0) !== value || (value === 0 && 1 / value < 0)) return undefined;
    narrow[i] = value;
  }
  return narrow;
}

/** The items as the task's chunk takes them: an Int32Array container (never a map's own) widened back. */
export function widenInts<T>(decoded: T | Int32Array): T | Float64Array {
  return decoded instanceof Int32Array ? new Float64Array(decoded) : decoded;
}
