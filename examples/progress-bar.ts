/**
 * Beyond the chapter: a live progress bar for a Pool.map(). Python's Pool tells its caller nothing until map()
 * returns; multiproc's calls take `onProgress`, which hears `{ done, total }` as items finish and
 * `{ value, index }` when a task reports from inside its worker (`currentTask().progress(value)`).
 * Run: npx tsx examples/progress-bar.ts
 *
 * On a terminal the bar is redrawn in place (`\r`), moving as the running tasks report their share done; in a
 * log or a pipe, where a carriage return would only make a mess, a plain line is printed as each item finishes.
 */
import { currentTask, Pool, isMain, tasks, type ProgressUpdate } from '../reference/src/index.js';

/** The sum of i * i for i < n, telling the caller how far it got (a fraction) every 200,000 steps. */
export function sumSquares(n: number): number {
  const { progress } = currentTask();
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += i * i;
    // Cheap to call often: the worker sends at most one report per 16 ms, the latest.
    if (i % 200_000 === 0) progress(i / n);
  }
  return total;
}

tasks(import.meta, { sumSquares });

/** A bar for one call: what each running item reported, and how many items are done. */
export function progressBar(out: NodeJS.WriteStream, width = 30): { update(update: ProgressUpdate): void; end(): void } {
  const shares = new Map<number, number>();
  let done = 0;
  let total = 0;
  let drawn = 0;
  return {
    update(update) {
      total = update.total ?? total;
      if (update.index !== undefined) shares.set(update.index, Number(update.value));
      else if (update.done !== done) {
        done = update.done;
        // An update says how many items are done, not which: the shares reported so far are forgotten, and the
        // bar holds where it was until the running items report again.
        shares.clear();
        if (out.isTTY !== true) out.write(`${done}/${total} items done\n`);
      }
      if (out.isTTY !== true) return;
      let share = done;
      for (const part of shares.values()) share += part;
      drawn = Math.max(drawn, total === 0 ? width : Math.floor((share / total) * width));
      const filled = Math.min(drawn, width);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} items done`);
    },
    end() {
      if (out.isTTY === true) out.write('\n');
    },
  };
}

if (isMain(import.meta)) {
  const pool = new Pool({ processes: 2 });
  try {
    const bar = progressBar(process.stdout);
    const sums = await pool.map(sumSquares, new Array<number>(8).fill(3_000_000), 1, { onProgress: (update) => bar.update(update) });
    bar.end();
    console.log(`Results: ${sums.length} sums, each ${sums[0]!.toExponential(4)}`);
  } finally {
    pool.terminate();
    await pool.join();
  }
}
