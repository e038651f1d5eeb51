/**
 * Binary values that cross the channel as they are. A worker serialized every result holding an object itself,
 * to check that it reads back (bytes.ts), and then Node serialized those bytes again into its message, and the
 * parent read them twice: a 1 MiB Uint8Array was copied four times more than it needed. Only an Error can be
 * written and not read back, and only a value that is not writable makes a write throw; a typed array or an
 * ArrayBuffer of the built-in kinds is neither, so it goes as a plain value (issue 20, e: 64 × 1 MiB echo).
 * A subclass (a registered class may extend Uint8Array) and views of a SharedArrayBuffer are left to the
 * careful path.
 */
const BUILT_IN = new Set<unknown>([
  Uint8Array, Int8Array, Uint8ClampedArray, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array,
  Float64Array, BigUint64Array, BigInt64Array, DataView, Buffer,
].map((kind) => kind.prototype));

/** True for an ArrayBuffer, or a view of one, of a built-in kind (Buffer included): it crosses as it is. */
export function isPlainBinary(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === ArrayBuffer.prototype) return true;
  return BUILT_IN.has(proto) && (value as ArrayBufferView).buffer instanceof ArrayBuffer;
}
