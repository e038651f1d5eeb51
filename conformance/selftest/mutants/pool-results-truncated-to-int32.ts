import { defineMutant } from './lib/mutant.js';

/** A result as a protocol with 32-bit integer fields carries it: integers wrap, everything else is kept. */
const int32 = (value: unknown): unknown => {
  if (typeof value === 'number' && Number.isInteger(value)) return value | 0;
  return Array.isArray(value) ? value.map(int32) : value;
};

export default defineMutant({
  name: 'pool-results-truncated-to-int32',
  area: 'pool',
  violation: 'integer results cross from the workers as 32-bit integers: values beyond ±2^31 wrap around',
  aims: ['pool.practical.parallel-equals-sequential'],
  // Only large results tell: the rules' small squares and pids fit in 32 bits.
  reaches: (t) => t.submissions().some((e) => String(e.args[0]) === 'cpuBound' || String(e.args[0]) === 'power'),
  pool: {
    map: (base) => async (task, items, chunksize) => int32(await base.map(task, items, chunksize)) as unknown[],
    starmap: (base) => async (task, argLists, chunksize) => int32(await base.starmap(task, argLists, chunksize)) as unknown[],
    apply: (base) => async (task, args) => int32(await base.apply(task, args)),
  },
  result: {
    get: (base) => async (timeoutMs) => int32(await base.get(timeoutMs)),
  },
});
