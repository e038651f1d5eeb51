/**
 * The shared tasks registered for multiproc: a pool worker imports this module (from the built package's
 * point of view, a user's module) to find them.
 */
import { tasks } from 'multiproc';
import { echo, pid, square, stubborn, sumSquares } from './work.mjs';

tasks(import.meta, { square, sumSquares, echo, stubborn, pid });

export { echo, pid, square, stubborn, sumSquares };
