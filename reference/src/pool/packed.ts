/**
 * Runs of numbers cross the channel as one Float64Array. Structured clone walks an array value by value (a tag
 * and a varint or a double each way, and a fresh array slot per value on arrival); a Float64Array crosses as
 * one block of bytes. Every JavaScript number is a float64, so the bytes keep each value exactly: -0, NaN,
 * ±Infinity and integers past 2^31 alike. Anything else (a hole, a string, a BigInt, an object) leaves the
 * array as it is, to be cloned value by value.
 */

/** Items of a chunk or values of a result: an array, or the same numbers packed. */
export type Values = readonly unknown[] | Float64Array;

/** Below this many values, checking and copying them costs about what packing saves. */
const MIN_PACKED = 16;

/** `values[start … end)` as a Float64Array when every one of them is a number; undefined otherwise. */
export function packNumbers(values: readonly unknown[], start = 0, end = values.length): Float64Array | undefined {
  if (end - start < MIN_PACKED || typeof values[start] !== 'number') return undefined;
  // Checked while copied: one pass over the values, and an input that is not all numbers usually shows it at
  // once. A hole reads as undefined, so a sparse array fails the test and keeps its holes.
  const packed = new Float64Array(end - start);
  for (let i = start; i < end; i++) {
    const value = values[i];
    if (typeof value !== 'number') return undefined;
    packed[i - start] = value;
  }
  return packed;
}

/**
 * A chunk's results as they come, written straight into a Float64Array for as long as each is a number: no
 * array grown value by value, no second pass to pack it. The first value of another kind turns it into an array.
 */
export class ValuesCollector {
  #packed: Float64Array | undefined;
  #array: unknown[] | undefined;
  length = 0;

  constructor(expected: number) {
    if (expected >= MIN_PACKED) this.#packed = new Float64Array(expected);
    else this.#array = [];
  }

  push(value: unknown): void {
    const packed = this.#packed;
    if (packed !== undefined) {
      if (typeof value === 'number' && this.length < packed.length) {
        packed[this.length++] = value;
        return;
      }
      this.#array = Array.from(packed.subarray(0, this.length));
      this.#packed = undefined;
    }
    this.#array!.push(value);
    this.length++;
  }

  /** Every value so far, packed when they all are numbers. */
  values(): Values {
    const packed = this.#packed;
    if (packed === undefined) return this.#array!;
    return this.length === packed.length ? packed : packed.slice(0, this.length);
  }

  /** Every value so far as an array (what a failed chunk sends: the results before its error). */
  array(): unknown[] {
    return this.#array ?? Array.from(this.#packed!.subarray(0, this.length));
  }
}
