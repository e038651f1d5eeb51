/** reports/bench.md: a table per workload, the goals of issue 6 against what was measured, the machine. */
import { FLOOR, FREE_GRACE_MS, REFERENCE, SYSTEMS, type Metric, type SystemId } from './plan.js';
import { medianOf, type Cell, type Results } from './results.js';
import { memorySection } from './report-memory.js';
import { scaleSection as issue20ScaleSection } from './report-scale.js';

export function renderMarkdown(r: Results): string {
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
  }
  out.push(...scaleSection(r), '');
  out.push(...memorySection(r), '');
  out.push(...issue20ScaleSection(r), '');
  out.push('## Machine and versions', '',
    `- ${env.cpu}, ${env.cpus} CPUs, ${env.memoryGiB} GiB; ${env.os}`,
    `- Node ${env.node}; Python ${env.python ?? 'not found'}`,
    `- multiproc ${env.versions.multiproc} (commit ${env.commit}), poolifier ${env.versions.poolifier}, ` +
      `workerpool ${env.versions.workerpool}`,
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

function speedupExtra(cell: Extract<Cell, { ok: true }>): string {
  const extra = cell.extra as { n?: number; seqMs?: number[]; parMs?: number[] } | undefined;
  const med = (xs: number[] | undefined): string => (xs && xs.length > 0 ? fmt([...xs].sort((a, b) => a - b)[xs.length >> 1]!) : '');
  return `${extra?.n?.toLocaleString('en-US') ?? ''} | ${med(extra?.seqMs)} | ${med(extra?.parMs)} |`;
}

/** The goals table of issue 6, each with the ratio measured here. */
function goals(r: Results): string[] {
  const m = (w: string, k: string, s: SystemId): number | undefined => medianOf(r.table, w, k, s);
  const div = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : a / b;
  const peers: SystemId[] = ['poolifier', 'workerpool', 'cpython-spawn'];
  const bestPeerB = Math.max(...peers.map((p) => m('b', 'samples', p) ?? 0));
  const rows: [string, string, boolean | undefined][] = [];
  const bRatio = div(m('b', 'samples', 'multiproc'), m('b', 'samples', REFERENCE));
  const bMp = m('b', 'samples', 'multiproc');
  rows.push(['b. tasks/s ≥ 3× CPython fork, ahead of every peer',
    `${x(bRatio)} CPython fork; ${x(div(bMp, bestPeerB || undefined))} the best peer`,
    bRatio === undefined || bMp === undefined ? undefined : bRatio >= 3 && bMp > bestPeerB]);
  const cRatio = div(m('c', 'samples', 'multiproc'), m('c', 'samples', REFERENCE));
  rows.push(['c. map items/s ≥ 1.2× CPython fork', `${x(cRatio)}`, cRatio === undefined ? undefined : cRatio >= 1.2]);
  const aRatio = div(m('a', 'wallMs', 'multiproc'), m('a', 'wallMs', FLOOR));
  rows.push(['a. cold start ≤ 1.05× the floor (whole process)', `${x(aRatio)}`, aRatio === undefined ? undefined : aRatio <= 1.05]);
  const dPrime = m('d′', 'samples', 'multiproc');
  rows.push(['d′. speedup ≥ 1.9×', `${x(dPrime)} (CPython fork ${x(m('d′', 'samples', REFERENCE))})`,
    dPrime === undefined ? undefined : dPrime >= 1.9]);
  const eRef = div(m('e', 'samples', 'multiproc'), m('e', 'samples', REFERENCE));
  const eFloor = div(m('e', 'samples', 'multiproc'), m('e', 'samples', FLOOR));
  rows.push(['e. MiB/s ≥ 2.5× CPython fork and ≥ 0.9× the floor', `${x(eRef)} CPython fork; ${x(eFloor)} the floor`,
    eRef === undefined || eFloor === undefined ? undefined : eRef >= 2.5 && eFloor >= 0.9]);
  for (const f of ['f', 'f′']) {
    const ms = m(f, 'samples', 'multiproc');
    rows.push([`${f}. ${f === 'f' ? 'abort' : 'expiry'} → fresh task ≤ graceMs + 100 ms (${FREE_GRACE_MS + 100} ms)`,
      ms === undefined ? '—' : `${ms.toFixed(0)} ms`, ms === undefined ? undefined : ms <= FREE_GRACE_MS + 100]);
  }
  const c = m('c', 'samples', 'multiproc');
  for (const [id, budget] of [['c-progress', 0.05], ['c-report', 0.2]] as const) {
    const cost = div(m(id, 'samples', 'multiproc'), c);
    rows.push([`${id}. costs under ${budget * 100}% of c's items/s (issue 18)`, cost === undefined ? '–' : `${Math.abs((1 - cost) * 100).toFixed(1)}% ${cost <= 1 ? 'below' : 'above'} c`,
      cost === undefined ? undefined : 1 - cost < budget]);
  }
  const mark = (ok: boolean | undefined): string => (ok === undefined ? 'not measured' : ok ? '**met**' : '**not met**');
  return ['## Goals of issue 6 (multiproc, ratios of medians in this run)', '', '| goal | measured | |', '|---|---|---|',
    ...rows.map(([goal, measured, ok]) => `| ${goal} | ${measured} | ${mark(ok)} |`)];
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

export function label(id: SystemId): string {
  return SYSTEMS.find((s) => s.id === id)?.label ?? id;
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function ratio(v: number, ref: number | undefined): string {
  return ref === undefined || ref === 0 ? 'n/a' : `${(v / ref).toFixed(2)}×`;
}

function x(v: number | undefined): string {
  return v === undefined ? 'n/a' : `${v.toFixed(2)}×`;
}
