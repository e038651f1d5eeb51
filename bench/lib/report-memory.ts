/**
 * reports/bench.md's memory section: for each workload and system, the peak RSS of the parent (the measuring
 * process) and of each process under it, read before the pool shut down.
 */
import type { Plan } from './plan.js';
import type { Results } from './results.js';
import { fmt, label } from './report-md.js';

export function memorySection(r: Results): string[] {
  const lines = ['## Memory: peak resident set size (MiB)', '',
    "Read in each measuring process before its pool shut down: the parent's own peak (getrusage maxRSS, the pool, " +
      'the workload\'s data and the results over the whole process) and each process under it (VmHWM from ' +
      '/proc/<pid>/status: the workers, and any helper process a system starts). A thread pool\'s workers are in ' +
      'its parent\'s figure. Linux only.', '',
    '| workload | system | parent | workers (each) | workers, sum |', '|---|---|--:|--:|--:|'];
  for (const w of r.plan.workloads as Plan['workloads']) {
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
