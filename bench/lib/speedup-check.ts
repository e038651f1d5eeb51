/**
 * Issue 20's honest baseline: a speedup (sequential ÷ parallel) cannot exceed min(processes, cores) for the work
 * itself. A figure above it means the sequential baseline ran slower than the workers did (a pool's helper
 * threads or another program sharing its core), so the report names every such figure and says why it is not a
 * claim, instead of printing it as one.
 */
import type { SystemId } from './plan.js';
import type { Results } from './results.js';

/** The speedup figures above their limit, as [system, processes, median, limit]. */
export function speedupsAboveLimit(r: Results, workload: string): [SystemId, number, number, number][] {
  const w = r.plan.workloads.find((x) => x.id === workload);
  if (w?.kind !== 'speedup') return [];
  const above: [SystemId, number, number, number][] = [];
  const consider = (id: SystemId, processes: number, median: number): void => {
    const limit = Math.min(processes, r.env.cpus);
    // Timer resolution and rounding: 1% over the limit is noise, not a slowed baseline.
    if (median > limit * 1.01) above.push([id, processes, median, limit]);
  };
  for (const [id, cell] of Object.entries(r.table[workload]?.samples ?? {})) {
    if (cell.ok) consider(id as SystemId, r.plan.processes, cell.summary.median);
  }
  for (const [id, byWorkload] of Object.entries(r.scale)) {
    for (const [p, cell] of Object.entries(byWorkload?.[workload] ?? {})) {
      if (cell.ok && Number(p) !== r.plan.processes) consider(id as SystemId, Number(p), cell.summary.median);
    }
  }
  return above;
}

/** The report's note for a speedup workload: every speedup within its limit, or which are not and why. */
export function speedupNotes(r: Results, workload: string): string[] {
  const w = r.plan.workloads.find((x) => x.id === workload);
  if (w?.kind !== 'speedup') return [];
  const above = speedupsAboveLimit(r, workload);
  const how = 'The sequential baseline runs in the measuring process before its pool exists (no pool, worker or ' +
    'helper thread alive), then the parallel runs on a started pool.';
  if (above.length === 0) return [`Every speedup here is within min(processes, ${r.env.cpus} cores). ${how}`];
  const list = above.map(([id, p, v, limit]) => `${id} with ${p} process${p === 1 ? '' : 'es'}: ${v.toFixed(2)}× > ${limit}`).join('; ');
  return [`**Speedups above the core count** (${list}): impossible for the work itself, so the sequential baseline ` +
    `ran slower than the workers did, most likely because other work shared its CPU during the run ` +
    `(load average ${r.env.loadBefore[0]!.toFixed(1)} before). ${how} Not a claim: rerun on an idle machine.`];
}
