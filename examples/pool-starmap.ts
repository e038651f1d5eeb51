/**
 * Pool.starmap() from "Pool: Managing Worker Processes" in the seed chapter, in TypeScript.
 * Run: npx tsx examples/pool-starmap.ts
 */
import { Pool, isMain, tasks } from '../reference/src/index.js';

/** Raise base to the given exponent. */
export function power(base: number, exp: number): number {
  return base ** exp;
}

tasks(import.meta, { power });

if (isMain(import.meta)) {
  // Pool.starmap() unpacks tuples of arguments: each [base, exp] becomes power(base, exp).
  const args: [number, number][] = [[2, 3], [3, 3], [4, 2], [5, 2], [10, 3]];

  let results: number[];
  const pool = new Pool({ processes: 2 });
  try {
    results = await pool.starmap(power, args);
  } finally {
    pool.terminate();
    await pool.join();
  }

  for (const [i, [base, exp]] of args.entries()) {
    console.log(`  ${base}^${exp} = ${results[i]}`);
  }
}
