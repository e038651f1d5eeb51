import { defineMutant } from './lib/mutant.js';

/** What the value-returning catalog tasks return, so the mutant can use it as the exit status. */
const VALUES: Record<string, (...args: number[]) => number> = {
  square: (x) => x * x,
  power: (base, exp) => base ** exp,
  cpuBound: (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += i * i;
    return sum;
  },
};

export default defineMutant({
  name: 'process-return-value-exit-status',
  area: 'process',
  violation: "a target's numeric return value becomes the exit status (square(7) exits with 49), as if passed to process.exit()",
  reaches: (t) => t.some('process', 'exitCode', (e) => e.value === 0 && String(t.options(e.handle).target) in VALUES),
  process: {
    exitCode: (base, { options }) => async () => {
      const code = await base.exitCode();
      const value = VALUES[options.target];
      return code === 0 && value !== undefined ? value(...((options.args ?? []) as number[])) & 0xff : code;
    },
  },
});
