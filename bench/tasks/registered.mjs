/**
 * The shared tasks registered for multiproc: a pool worker imports this module (from the built package's
 * point of view, a user's module) to find them.
 */
import { tasks } from 'multiproc';
import { echo, square, sumSquares } from './work.mjs';

tasks(import.meta, { square, sumSquares, echo });

export { echo, square, sumSquares };
