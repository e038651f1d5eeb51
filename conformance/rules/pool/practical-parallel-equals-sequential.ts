import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** sum of i * i for i < n, exactly: (n - 1) n (2n - 1) / 6. */
function sumOfSquaresBelow(n: number): number {
  const b = BigInt(n);
  return n === 0 ? 0 : Number(((b - 1n) * b * (2n * b - 1n)) / 6n);
}

export default defineRule({
  id: 'pool.practical.parallel-equals-sequential',
  statement: 'Pool.map of the CPU-bound task gives exactly the results of computing it sequentially, in the same order.',
  source: 'seed',
  python: 'seed: Practical: Sequential vs Parallel Execution',
  needs: ['pool'],
  timeoutMs: 180_000,
  async check(session) {
    const workload = [100_000, 0, 1, 2, 3, 10, 1000, 99_999, 100_000, 54_321, 7];
    const sequential = workload.map(sumOfSquaresBelow);
    await withPool(session, { processes: 2 }, async (pool) => {
      expectEqual(await pool.map('cpuBound', workload), sequential, `map(cpuBound, ${JSON.stringify(workload)})`);
    });
  },
});
