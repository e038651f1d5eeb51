/** How the reports write a figure and a system's name: shared by bench.md's sections and bench.svg. */
import { SYSTEMS, type SystemId } from './plan.js';

export function label(id: SystemId): string {
  return SYSTEMS.find((s) => s.id === id)?.label ?? id;
}

/** A figure with the digits its size deserves: 12,345 · 123 · 12.3 · 1.23. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
