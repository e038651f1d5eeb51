/** The same tasks as plain-tasks.ts, in a module that also registers a value class (so results are searched). */
import { tasks } from '../../../reference/src/index.js';

export class Point {
  constructor(readonly x: number, readonly y: number) {}

  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

export function square(x: number): number {
  return x * x;
}

export function pair(i: number): { x: number; y: number } {
  return { x: i, y: -i };
}

export function point(i: number): Point {
  return new Point(i, -i);
}

tasks(import.meta, { Point, square, pair, point });
