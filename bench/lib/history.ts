/**
 * reports/bench-history.json: each full run's medians and headline ratios, with what makes runs comparable or
 * not (date, commit, CPU model, core count, load average), so a ratio that moves can be told from a host that
 * changed or a machine that was busy.
 *
 * Only a full run writing the committed reports (no --quick, no --systems or --workloads, every system run, the
 * default pool size, --out left at reports/) appends: a quick run measures smaller workloads, a chosen subset or a
 * run without Python leaves ratios out, another pool size is another benchmark, and a run written elsewhere is a
 * look at work in progress; none may enter the record. Every run still draws the chart from the committed history plus itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { headlineRatios } from './goals.js';
import type { Results } from './results.js';

export interface HistoryEntry {
  readonly date: string;
  readonly commit: string;
  readonly cpu: string;
  readonly cpus: number;
  readonly processes: number;
  /** 1-minute load average before and after the run. */
  readonly load: readonly [number, number];
  readonly quick: boolean;
  readonly headlines: Record<string, number | null>;
  /** workload → metric → system → median */
  readonly medians: Record<string, Record<string, Record<string, number>>>;
}

/** Runs kept in the file: enough for a long trend, small enough to stay a readable diff. */
export const HISTORY_KEEP = 100;

export function historyEntry(r: Results): HistoryEntry {
  const medians: HistoryEntry['medians'] = {};
  for (const [w, byMetric] of Object.entries(r.table)) {
    for (const [k, bySystem] of Object.entries(byMetric)) {
      for (const [id, cell] of Object.entries(bySystem)) {
        if (cell?.ok) ((medians[w] ??= {})[k] ??= {})[id] = cell.summary.median;
      }
    }
  }
  return {
    date: r.env.date, commit: r.env.commit, cpu: r.env.cpu, cpus: r.env.cpus, processes: r.plan.processes,
    load: [r.env.loadBefore[0]!, r.loadAfter[0]!], quick: r.plan.quick,
    headlines: headlineRatios(r.table, r.plan.processes), medians,
  };
}

/** The pool size of the recorded runs (npm run bench's default --processes): other sizes are not comparable. */
export const HISTORY_PROCESSES = 2;

/**
 * Whether a run measured a choice rather than the whole: a --systems or --workloads list, a system dropped (the
 * CPython ones when no python3 was found), or a pool size other than HISTORY_PROCESSES.
 */
export function chosenRun(run: { readonly listed: boolean; readonly systems: readonly string[]; readonly all: readonly string[];
  readonly processes: number }): boolean {
  return run.listed || run.processes !== HISTORY_PROCESSES || !run.all.every((id) => run.systems.includes(id));
}

/**
 * Whether this run enters the committed history: a full run (not --quick, not chosen: see chosenRun) whose output
 * is the committed reports/.
 */
export function keepsHistory(quick: boolean, out: string, chosen = false): boolean {
  return !quick && !chosen && out.replace(/\/+$/, '').replace(/^\.\//, '') === 'reports';
}

/** The entries in a history file: [] when there is none yet; a file that is not a list is an error, not lost. */
export function readHistory(path: URL | string): HistoryEntry[] {
  if (!existsSync(path)) return [];
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${String(path)} is not a JSON list of runs; fix or remove it, then rerun`);
  return parsed as HistoryEntry[];
}

/** The history with `entry` last, trimmed to the newest HISTORY_KEEP. */
export function appended(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...history, entry].slice(-HISTORY_KEEP);
}

export function writeHistory(path: URL | string, history: readonly HistoryEntry[]): void {
  // One run per line: a new run is a one-line diff.
  writeFileSync(path, `[\n${history.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`);
}
