/**
 * Pools shared by the runs of a property file: one per pool size, started on first use (starting workers
 * costs far more than a run) and terminated when the file ends. Runs stay isolated because results are routed
 * by job id and every task is pure; a run never closes or terminates a shared pool.
 */
import { Pool } from './implementation.js';
import { within } from './harness.js';
import { echo } from './tasks.js';

export class SharedPools {
  readonly #pools = new Map<number, Pool>();

  get(processes: number): Pool {
    let pool = this.#pools.get(processes);
    if (pool === undefined) {
      pool = new Pool({ processes });
      this.#pools.set(processes, pool);
    }
    return pool;
  }

  /** Starts pools of these sizes and waits until each has run a task in every worker. */
  async warm(sizes: readonly number[]): Promise<void> {
    await Promise.all(sizes.map((n) => within(this.get(n).map(echo, Array.from({ length: n }, (_, i) => i), 1), `starting a pool of ${n}`)));
  }

  async terminateAll(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    for (const pool of pools) pool.terminate();
    await Promise.all(pools.map((pool) => within(pool.join(), 'join() of a shared pool after terminate()', 10_000)));
  }
}
