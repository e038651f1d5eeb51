/** reports/bench.md: a table per workload, the goals of issue 6 against what was measured, the machine. */
import { FLOOR, REFERENCE, type Metric, type SystemId } from './plan.js';
import { fmt, label } from './format.js';
import { goalRows, THREAD_POOLS, x, type Verdict } from './goals.js';
import { medianOf, type Cell, type Results } from './results.js';
import { differentLists, idealRatio } from './schedule.js';
import { speedupNotes } from './speedup-check.js';
import { memorySection } from './report-memory.js';
import { renderClusterSection } from '../cluster/section.js';
import { poolAndInputSection } from './report-scale.js';

/** How the trend chart was drawn: how many runs of the history, and whether this run was kept in it. */
export interface TrendInfo {
  readonly runs: number;
  readonly kept: boolean;
}

export function renderMarkdown(r: Results, trend?: TrendInfo): string {
  const { plan, env } = r;
  const out: string[] = [];
  out.push('# Benchmark: multiproc beside CPython multiprocessing and the Node process pools', '');
  if (plan.quick) out.push('> **Quick run** (`--quick`): smaller workloads and 3 repetitions; for a look, not for claims.', '');
  out.push(
    `Written by \`npm run bench${plan.quick ? ' -- --quick' : ''}\` on ${env.date.slice(0, 16).replace('T', ' ')} UTC in ` +
      `${r.seconds.toFixed(0)} s. Pool of **${plan.processes}** workers. Each figure is the median of ${plan.reps} ` +
      `repetitions after a warm-up (cold start: ${plan.coldRuns} processes after a warm-up one), with min–max.`,
    '',
    '**NODE_EXTRA_CA_CERTS was unset** (it adds ~90 ms to every Node start on this machine), and NODE_OPTIONS too, in ' +
      'every measured process. Each system ran in fresh processes of its own: Node systems as plain `node` on the ' +
      'built package (`dist/`, no tsx), CPython as its real interpreter' +
      (env.pythonPath ? ` (\`${env.pythonPath}\`)` : '') + '. Absolute figures are context; the claims are the ' +
      'ratios, taken between medians of the same run. How to read this: [bench/README.md](../bench/README.md).',
    '',
  );
  // Only the load before the run tells of other work: the load after is mostly the run's own processes.
  const load = `load average ${env.loadBefore[0]!.toFixed(1)} before and ${r.loadAfter[0]!.toFixed(1)} after the run on ${env.cpus} CPUs`;
  if (env.loadBefore[0]! > env.cpus / 2) {
    out.push(`> **The machine was busy**: ${load}. Other work shared the CPUs; spreads are ` +
      'wide and the figures are less trustworthy than on an idle machine.', '');
  } else {
    out.push(`The machine was otherwise idle: ${load} (the run's own processes).`, '');
  }
  out.push(...goals(r), '');
  for (const w of plan.workloads) {
    if (r.table[w.id] === undefined || w.ownSection) continue;
    out.push(`## ${w.title}`, '', w.what, '');
    for (const m of w.metrics) {
      if (w.metrics.length > 1) out.push(`**${m.title}**`, '');
      out.push(...metricTable(r, w.id, m, w.kind === 'speedup'), '');
    }
    out.push(...workloadNotes(r, w.id));
  }
  out.push(...scaleSection(r), '');
  if (trend !== undefined) out.push(...trendSection(trend), '');
  out.push(...memorySection(r), '');
  out.push(...poolAndInputSection(r), '');
  if (r.cluster !== undefined) out.push(...renderClusterSection(r.cluster, r.plan.processes), '');
  out.push('## Machine and versions', '',
    `- ${env.cpu}, ${env.cpus} CPUs, ${env.memoryGiB} GiB; ${env.os}`,
    `- Node ${env.node}; Python ${env.python ?? 'not found'}`,
    `- multiproc ${env.versions.multiproc} (commit ${env.commit}), poolifier ${env.versions.poolifier}, ` +
      `workerpool ${env.versions.workerpool}` +
      (env.versions.piscina ? `, piscina ${env.versions.piscina}, tinypool ${env.versions.tinypool}` : ''),
    `- load average (1 min) ${env.loadBefore[0]!.toFixed(2)} before, ${r.loadAfter[0]!.toFixed(2)} after`,
    `- raw samples: [bench.json](bench.json)`, '');
  return out.join('\n');
}

function metricTable(r: Results, workload: string, m: Metric, speedup: boolean): string[] {
  const direction = m.better === 'higher' ? 'higher is better; ratios are this ÷ that' : 'lower is better; ratios are time ÷ time';
  const head = `| system | ${m.title} (${m.unit}) | min–max | × CPython fork | × floor |${speedup ? ' n per task | sequential ms | parallel ms |' : ''}`;
  const rows = [`_${direction}_`, '', head, `|---|--:|--:|--:|--:|${speedup ? '--:|--:|--:|' : ''}`];
  const ref = medianOf(r.table, workload, m.key, REFERENCE);
  const floor = medianOf(r.table, workload, m.key, FLOOR);
  for (const id of r.systems) {
    const cell = r.table[workload]?.[m.key]?.[id];
    if (cell === undefined) continue;
    const name = id === 'multiproc' ? '**multiproc**' : label(id);
    if (!cell.ok) {
      rows.push(`| ${name} | failed: ${cell.error.replaceAll('|', '/')} | | | |${speedup ? ' | | |' : ''}`);
      continue;
    }
    const { median, min, max } = cell.summary;
    const extra = speedup ? ` ${speedupExtra(cell)}` : '';
    rows.push(`| ${name} | ${fmt(median)} | ${fmt(min)}–${fmt(max)} | ${ratio(median, ref)} | ${ratio(median, floor)} |${extra}`);
  }
  return rows;
}

/** Notes under a workload's tables: the thread pools' nature, g's ideal, speedups above the core count. */
function workloadNotes(r: Results, workload: string): string[] {
  const notes: string[] = [];
  if (THREAD_POOLS.some((id) => r.table[workload]?.samples?.[id] !== undefined)) {
    notes.push('_piscina and tinypool are thread pools: their workers share memory with the caller (no process ' +
      'boundary, no serialization across a pipe), so they set a bar a process pool can approach, not a peer class; ' +
      'the goals never count them as peers._');
  }
  if (workload === 'g') {
    const ratios = r.systems.map((id) => [id, idealRatio(r.table, id, r.plan.processes)] as const).filter(([, v]) => v !== undefined);
    if (ratios.length > 0) notes.push(`Makespan ÷ ideal (list scheduling in submission order on ${r.plan.processes} workers): ` +
      ratios.map(([id, v]) => `${label(id)} ${x(v)}`).join(', ') + '.');
    const odd = differentLists(r.table);
    if (odd.length > 0) notes.push(`**Ran a different list of durations than multiproc** (a harness bug; not compared): ${odd.map(label).join(', ')}.`);
  }
  if (workload === 'e' && r.table.e?.samples?.pipe !== undefined) {
    notes.push('_The pipe limit copies the same bytes through `cat` children and back: no pool, no framing, no ' +
      'serialization. A process pool cannot beat it; its row says how far the rest is from that limit._');
  }
  if (workload === 'a' && r.table.a?.wallMs?.['floor-lib'] !== undefined) {
    notes.push('_The floor + library import is the floor where the parent and each child first import the package, ' +
      'as any pool built on it must: the limit of a cold start for a library of this size (its goal row reads a against it)._');
  }
  notes.push(...speedupNotes(r, workload));
  return notes.flatMap((n) => [n, '']);
}

function speedupExtra(cell: Extract<Cell, { ok: true }>): string {
  const extra = cell.extra as { n?: number; seqMs?: number[]; parMs?: number[] } | undefined;
  const med = (xs: number[] | undefined): string => (xs && xs.length > 0 ? fmt([...xs].sort((a, b) => a - b)[xs.length >> 1]!) : '');
  return `${extra?.n?.toLocaleString('en-US') ?? ''} | ${med(extra?.seqMs)} | ${med(extra?.parMs)} |`;
}

/** The goals table (bench/lib/goals.ts), each goal with the ratio measured here and its verdict. */
function goals(r: Results): string[] {
  const mark = (v: Verdict): string => (v === 'not measured' ? 'not measured' : `**${v}**`);
  return ['## Goals (multiproc, ratios of medians in this run)', '',
    'A goal reads met only when every figure it names was measured in this run; a goal about peers reads not ' +
      'measured when a peer it names did not run. The thread pools are shown beside, never counted as peers.', '',
    '| issue | goal | measured | |', '|---|---|---|---|',
    ...goalRows(r.table, r.plan.processes).map((g) => `| ${g.issue} | ${g.goal} | ${g.measured.replaceAll('|', '/')} | ${mark(g.verdict)} |`)];
}

function trendSection(t: TrendInfo): string[] {
  return ['## Trend of the headline ratios', '',
    `![headline ratios over the last runs](bench-trend.svg)`, '',
    `Drawn from reports/bench-history.json (${t.runs} run${t.runs === 1 ? '' : 's'} with this one). ` +
      (t.kept ? 'This run was appended to it.' : 'This run was **not** appended: only a full run writing reports/ ' +
        '(no --quick, --systems, --workloads or --out, every system including CPython, the default pool size) enters the history.')];
}

function scaleSection(r: Results): string[] {
  const counts = r.plan.scale;
  const lines = ['## Speedup as processes go 1 … cpuCount', '',
    `Medians of sequential ÷ parallel time on the same work; the parallel runs use a pool of 1 … ${counts.at(-1)} ` +
      `processes. The figures at ${r.plan.processes} are those of d and d′ above.`, '',
    `| system · workload | ${counts.map((p) => `${p} process${p === 1 ? '' : 'es'}`).join(' | ')} |`,
    `|---|${counts.map(() => '--:').join('|')}|`];
  for (const [id, byWorkload] of Object.entries(r.scale)) {
    for (const [w, byP] of Object.entries(byWorkload ?? {})) {
      const cells = counts.map((p) => {
        const cell = byP[p];
        return cell === undefined ? '' : cell.ok ? `${fmt(cell.summary.median)}×` : 'failed';
      });
      lines.push(`| ${label(id as SystemId)} · ${w} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

function ratio(v: number, ref: number | undefined): string {
  return ref === undefined || ref === 0 ? 'n/a' : `${(v / ref).toFixed(2)}×`;
}
