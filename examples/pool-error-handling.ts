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

/**
 * An error of a user-defined class arrives in the parent as an Error whose `name` (and message, own properties
 * and the child's stack) are kept, but not its class: structured clone rebuilds only built-in error classes. So
 * `err instanceof ValueError` is false in the parent, and Python's `except ValueError` becomes a check of the name.
 */
function isValueError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'ValueError';
}

/** A task that might fail. */
export function riskyTask(x: number): number {
  if (x === 0) {
    throw new ValueError('Cannot process zero!');
  }
  return 100.0 / x;
}

tasks(import.meta, { riskyTask });

if (isMain(import.meta)) {
  // Error with Pool.map() -- the error propagates to the parent
  console.log('Testing Pool.map() error handling:');
  const pool = new Pool({ processes: 2 });
  try {
    await pool.map(riskyTask, [5, 2, 0, 1]); // 0 will cause an error
  } catch (e) {
    if (!isValueError(e)) throw e;
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
      if (!isValueError(e)) throw e;
      console.log(`  Caught from future.get(): ${e.message}`);
    }
    console.log(`  future.successful(): ${future.successful()}`);
  } finally {
    pool2.terminate();
    await pool2.join();
  }
}
