/** Tasks of value-classes.ts with no value class registered: results are numbers and plain objects. */
import { tasks } from '../../../reference/src/index.js';

export function square(x: number): number {
  return x * x;
}

export function pair(i: number): { x: number; y: number } {
  return { x: i, y: -i };
}

tasks(import.meta, { square, pair });
