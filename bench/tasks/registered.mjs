/**
 * The shared tasks registered for multiproc: a pool worker imports this module (from the built package's
 * point of view, a user's module) to find them.
 */
import { currentTask, tasks } from 'multiproc';
import { echo, pid, sleepFor, square, stubborn, sumSquares } from './work.mjs';

/** square, reporting its item as progress first (workload c-report). */
export function squareReporting(x) {
  currentTask().progress(x);
  return x * x;
}

tasks(import.meta, { square, sumSquares, echo, stubborn, pid, squareReporting, sleepFor });

export { echo, pid, sleepFor, square, stubborn, sumSquares };
