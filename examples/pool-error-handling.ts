/**
 * "Error Handling in Processes" from the seed chapter, in TypeScript.
 * Run: npx tsx examples/pool-error-handling.ts
 *
 * When a task throws, what happens depends on how it was launched:
 * - **Process**: the error is thrown in the child only; the parent sees a non-zero `exitCode`
 * - **Pool.map()**: the error is thrown again in the parent, by the `await pool.map(…)`
 * - **Pool.applyAsync()**: the error is thrown again when you `await result.get()`
 */
import { Pool, isMain, tasks } from '../reference/src/index.js';

/** Python's built-in ValueError, which JavaScript does not have. */
export class ValueError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'ValueError';
  }
}

/** A task that might fail. */
export function riskyTask(x: number): number {
  if (x === 0) {
    throw new ValueError('Cannot process zero!');
  }
  return 100.0 / x;
}

// ValueError registered beside the task: an instance thrown in a worker arrives in the parent as a ValueError
// (Python's pickle finds the class by module and name), so `instanceof` is Python's `except ValueError`.
tasks(import.meta, { riskyTask, ValueError });

if (isMain(import.meta)) {
  // Error with Pool.map() -- the error propagates to the parent
  console.log('Testing Pool.map() error handling:');
  const pool = new Pool({ processes: 2 });
  try {
    await pool.map(riskyTask, [5, 2, 0, 1]); // 0 will cause an error
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log(`  Caught in parent: ${e.message}`);
  } finally {
    pool.terminate();
    await pool.join();
  }

  // Error with applyAsync() -- the error is thrown by .get()
  console.log('\nTesting apply_async() error handling:');
  const pool2 = new Pool({ processes: 2 });
  try {
    const future = pool2.applyAsync(riskyTask, [0]);
    try {
      // Python: result = future.get(timeout=5). 30 s here, as the wait includes starting the worker: see
      // pool-apply-async.ts.
      await future.get(30_000);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      console.log(`  Caught from future.get(): ${e.message}`);
    }
    console.log(`  future.successful(): ${future.successful()}`);
  } finally {
    pool2.terminate();
    await pool2.join();
  }
}
