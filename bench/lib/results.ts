/** What a run measured, as the reports read it (and as reports/bench.json keeps it). */
import type { Environment } from './environment.js';
import type { Plan, SystemId } from './plan.js';
import type { Summary } from './stats.js';
import type { PeakMemory } from './memory.js';
import type { ClusterSection } from '../cluster/section.js';

/** One system's figure on one metric: a summary of its repetitions, or why there is none. */
export type Cell =
  | { readonly ok: true; readonly summary: Summary; readonly samples: readonly number[]; readonly extra?: Record<string, unknown>; readonly memory?: PeakMemory }
  | { readonly ok: false; readonly error: string };

/** workload id → metric key → system → cell */
export type Table = Record<string, Record<string, Partial<Record<SystemId, Cell>>>>;

/** system → workload id → processes → cell (the speedup curve) */
export type Scale = Partial<Record<SystemId, Record<string, Record<number, Cell>>>>;

export interface Results {
  readonly plan: Plan;
  readonly env: Environment;
  readonly systems: readonly SystemId[];
  readonly table: Table;
  readonly scale: Scale;
  readonly seconds: number;
  readonly loadAfter: readonly number[];
  /** Issue 19's cluster section (bench/cluster/section.ts), when it ran. */
  readonly cluster?: ClusterSection;
}

/** Median of `system` on a metric, or undefined when it has none. */
export function medianOf(table: Table, workload: string, metric: string, system: SystemId): number | undefined {
  const cell = table[workload]?.[metric]?.[system];
  return cell?.ok ? cell.summary.median : undefined;
}
