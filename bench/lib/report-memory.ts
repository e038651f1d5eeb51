/**
 * reports/bench.md's memory section: for each workload and system, the peak RSS of the parent (the measuring
 * process) and of each process under it, read before the pool shut down.
 */
import type { Results } from './results.js';
import { fmt, label } from './format.js';
import { against, GOALS } from './goals.js';
import type { Cell } from './results.js';

export function memorySection(r: Results): string[] {
  const lines = ['## Memory: peak resident set size (MiB)', '',
    "Read in each measuring process before its pool shut down: the parent's own peak (getrusage maxRSS, the pool, " +
      'the workload\'s data and the results over the whole process) and each process under it (VmHWM from ' +
      '/proc/<pid>/status: the workers, and any helper process a system starts). A thread pool\'s workers are in ' +
      'its parent\'s figure. Linux only.', '',
    ...longRuns(r),
    '| workload | system | parent | workers (each) | workers, sum |', '|---|---|--:|--:|--:|'];
  for (const w of r.plan.workloads) {
    for (const id of r.systems) {
      const cell = r.table[w.id]?.samples?.[id];
      if (cell === undefined || !cell.ok || cell.memory === undefined) continue;
      const { parentMiB, workersMiB } = cell.memory;
      const each = workersMiB.length === 0 ? '—' : workersMiB.map((m) => fmt(m)).join(', ');
      const sum = workersMiB.reduce((total, m) => total + m, 0);
      lines.push(`| ${w.id} | ${label(id)} | ${fmt(parentMiB)} | ${each} | ${workersMiB.length === 0 ? '—' : fmt(sum)} |`);
    }
  }
  return lines;
}

type Measured = Extract<Cell, { ok: true }>;

/** m (large payload, against GOALS.mTimesPayload), l (long map) and i (endless imap), with what bounds them. */
function longRuns(r: Results): string[] {
  const lines: string[] = [];
  const rows = (id: string, row: (cell: Measured) => string): void => {
    const w = r.plan.workloads.find((x) => x.id === id);
    if (w === undefined || r.table[id] === undefined) return;
    lines.push(`**${w.title}**: ${w.what}${id === 'm' ? ` Goal: ≤ ${GOALS.mTimesPayload}×.` : ''}`, '');
    const head = HEADS[id]!;
    lines.push(`| system | ${head.join(' | ')} |`, `|---|${head.map(() => '--:').join('|')}|`);
    for (const s of r.systems) {
      const cell = r.table[id]?.samples?.[s];
      if (cell === undefined) continue;
      lines.push(`| ${label(s)} | ${cell.ok ? row(cell) : `failed: ${cell.error.replaceAll('|', '/')}`} |`);
    }
    lines.push('');
  };
  rows('m', (cell) => {
    const extra = cell.extra as { aboveMiB: number; ms: number };
    const ratio = cell.summary.median;
    return `${fmt(ratio)}× | ${fmt(extra.aboveMiB)} | ${fmt(extra.ms)} | **${against(ratio, GOALS.mTimesPayload, 'lower')}**`;
  });
  rows('l', (cell) => {
    const extra = cell.extra as { itemsPerS: number };
    return `${fmt(cell.summary.median)} | ${fmt(extra.itemsPerS)}`;
  });
  rows('i', (cell) => {
    const extra = cell.extra as { checkpointsMiB: number[]; endMiB: number; consumed: number; maxAhead: number; runaway: boolean };
    const growth = cell.summary.median;
    return `${extra.checkpointsMiB.map((v) => fmt(v)).join(' → ')} | ${fmt(growth)} | ${extra.consumed.toLocaleString('en-US')} | ` +
      `${extra.maxAhead.toLocaleString('en-US')} | ${extra.runaway ? `**unbounded**: passed ${fmt(extra.endMiB)} MiB, stopped` : 'bounded'}`;
  });
  return lines;
}

const HEADS: Record<string, string[]> = {
  m: ['peak above baseline ÷ payload', 'peak above baseline (MiB)', 'map time (ms)', `goal ≤ ${GOALS.mTimesPayload}×`],
  l: ['peak above baseline (MiB)', 'items/s'],
  i: ['peak above baseline at each tenth (MiB)', 'growth over the second half (MiB)', 'items consumed', 'most items read ahead', ''],
};
