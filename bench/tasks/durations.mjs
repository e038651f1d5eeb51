/**
 * Workload g's task durations: `count` whole milliseconds in [minMs, maxMs], from a fixed seed, by the
 * Park–Miller generator (minstd, multiplier 48271): its products stay below 2^53, so JavaScript's doubles and
 * Python's ints (bench/systems/cpython.py, mixed_durations) draw the very same list.
 */
export function mixedDurations(count, seed, minMs, maxMs) {
  let state = seed % 2147483647 || 1;
  const out = [];
  for (let i = 0; i < count; i++) {
    state = (state * 48271) % 2147483647;
    out.push(minMs + (state % (maxMs - minMs + 1)));
  }
  return out;
}
