/**
 * `npm run bench [-- --quick] [--processes N] [--systems a,b] [--workloads a,b]`: multiproc beside CPython's
 * multiprocessing.Pool (fork and spawn), poolifier, workerpool and a bare-fork floor, on the workloads of issue
 * 6. Each system's work runs in a fresh process of its own (plain node from the built package, or the real
 * Python); this runner only starts them, collects their JSON and writes reports/bench.{md,svg,json} (`--out DIR`
 * writes them there instead, so a look at work in progress leaves the committed reports alone).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { describeEnvironment, findPython } from './lib/environment.js';
import { makePlan, SCALE_SYSTEMS, SCALE_WORKLOADS, SYSTEMS, type Plan, type System, type Workload } from './lib/plan.js';
import { Progress } from './lib/progress.js';
import { renderMarkdown } from './lib/report-md.js';
import { renderSvg } from './lib/report-svg.js';
import { renderTrend } from './lib/report-trend.js';
import { appended, chosenRun, historyEntry, HISTORY_PROCESSES, keepsHistory, readHistory, writeHistory } from './lib/history.js';
import type { Cell, Results, Scale, Table } from './lib/results.js';
import { runSystem } from './lib/spawn-system.js';
import { summarize } from './lib/stats.js';
import { type ClusterSection, otherWorkloads, runClusterSection, wantsCluster } from './cluster/section.js';

const ROOT = new URL('../', import.meta.url);
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    processes: { type: 'string', default: String(HISTORY_PROCESSES) },
    systems: { type: 'string' },
    workloads: { type: 'string' },
    out: { type: 'string', default: 'reports/' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write('npm run bench -- [--quick] [--processes N] [--systems multiproc,floor,...] [--workloads a,b,...] [--out DIR]\n');
  process.exit(0);
}
const processes = Number(args.processes);
if (!Number.isInteger(processes) || processes < 1) {
  throw new RangeError(`--processes must be a positive integer, got "${args.processes}"`);
}
if (!existsSync(new URL('dist/index.js', ROOT))) {
  throw new Error('dist/ is missing: the benchmark runs the built package; run `npm run build` first (npm run bench does)');
}

const python = findPython();
const env = describeEnvironment(python);
const plan = makePlan(args.quick ?? false, processes, env.cpus);
const systems = pick(SYSTEMS, args.systems, (s) => s.id).filter((s) => {
  if (s.python && python === undefined) process.stderr.write(`skipping ${s.label}: no python3 found (set BENCH_PYTHON)\n`);
  return !s.python || python !== undefined;
});
const workloads = pick(plan.workloads, otherWorkloads(args.workloads), (w) => w.id);
const scaleRuns = SCALE_SYSTEMS.flatMap((id) => systems.filter((s) => s.id === id))
  .flatMap((system) => workloads.filter((w) => SCALE_WORKLOADS.includes(w.id))
    .flatMap((workload) => plan.scale.filter((p) => p !== processes).map((p) => ({ system, workload, p }))));

// Read the history before measuring: an unreadable file must stop the run now, not lose an hour of figures.
const historyFile = new URL('reports/bench-history.json', ROOT);
const pastRuns = readHistory(historyFile);

const t0 = performance.now();
const runsOf = (workload: Workload): readonly System[] => systems.filter((s) =>
  (workload.systems?.includes(s.id) ?? true) && (s.workloads?.includes(workload.id) ?? true));
const progress = new Progress(workloads.reduce((runs, w) => runs + runsOf(w).length, 0) + scaleRuns.length + (wantsCluster(args.workloads) ? 1 : 0));
process.stderr.write(`bench: ${plan.quick ? 'quick' : 'full'} run, pool of ${processes}, ${systems.length} systems, ` +
  `NODE_EXTRA_CA_CERTS unset in every measured process\n`);

const table: Table = {};
let failures = 0;
for (const workload of workloads) {
  for (const system of runsOf(workload)) {
    progress.step(`${workload.title} · ${system.label}`);
    const cells = workload.kind === 'cold' ? await coldStart(system, workload, plan) : await measured(system, workload, plan);
    for (const [metric, cell] of Object.entries(cells)) {
      ((table[workload.id] ??= {})[metric] ??= {})[system.id] = cell;
      if (!cell.ok) failures++;
    }
    const first = cells[workload.metrics[0]!.key]!;
    progress.note(first.ok ? `median ${first.summary.median.toPrecision(4)} ${workload.metrics[0]!.unit}` : `FAILED: ${first.error}`);
  }
}

// The speedup curve: the counts other than --processes; that one is d and d′ themselves.
const scale: Scale = {};
for (const { system, workload, p } of scaleRuns) {
  progress.step(`speedup curve: ${workload.id} · ${system.label} · ${p} process${p === 1 ? '' : 'es'}`);
  const cell = (await measured(system, { ...workload, params: { ...workload.params, processes: p } }, plan)).samples!;
  ((scale[system.id] ??= {})[workload.id] ??= {})[p] = cell;
}
for (const id of SCALE_SYSTEMS) {
  for (const w of SCALE_WORKLOADS) {
    const cell = table[w]?.samples?.[id];
    if (cell !== undefined && plan.scale.includes(processes)) ((scale[id] ??= {})[w] ??= {})[processes] = cell;
  }
}

// Issue 19's cluster pool beside the local pool (bench/cluster/section.ts).
let cluster: ClusterSection | undefined;
if (wantsCluster(args.workloads)) {
  progress.step('cluster pool beside the local pool (Redis)');
  cluster = await runClusterSection(processes, plan.quick, plan.timeoutMs);
  progress.note(cluster.error ?? (cluster.cluster === undefined ? cluster.redis : 'done'));
}

const results: Results = {
  plan, env, systems: systems.map((s) => s.id), table, scale,
  seconds: (performance.now() - t0) / 1000, loadAfter: os.loadavg(), ...(cluster === undefined ? {} : { cluster }),
};
const out = new URL(args.out!.endsWith('/') ? args.out! : `${args.out}/`, ROOT);
mkdirSync(out, { recursive: true });
// History (issue 20): the committed record plus this run draws the trend; only a full run into reports/ is kept.
const history = appended(pastRuns, historyEntry(results));
const chosen = chosenRun({ listed: args.systems !== undefined || args.workloads !== undefined, systems: results.systems,
  all: SYSTEMS.map((s) => s.id), processes });
const kept = keepsHistory(results.plan.quick, args.out!, chosen);
if (kept) writeHistory(historyFile, history);
writeFileSync(new URL('bench-trend.svg', out), renderTrend(history));
writeFileSync(new URL('bench.md', out), renderMarkdown(results, { runs: history.length, kept }));
writeFileSync(new URL('bench.svg', out), renderSvg(results));
writeFileSync(new URL('bench.json', out), `${JSON.stringify(results, null, 1)}\n`);
progress.done(`bench: wrote bench.md, bench.svg, bench-trend.svg, bench.json in ${args.out}` +
  (kept ? ', appended to reports/bench-history.json' : ` (history not appended: --quick, --systems, --workloads, --out, no python3 or --processes other than ${HISTORY_PROCESSES})`) + ` in ${results.seconds.toFixed(0)} s` +
  (failures > 0 ? `; ${failures} figure(s) FAILED, see the report` : ''));
process.exitCode = failures > 0 ? 1 : 0;

/** A workload run once in a system process: warm-up and repetitions happen inside it. */
async function measured(system: System, workload: Workload, plan: Plan): Promise<Record<string, Cell>> {
  try {
    const { output } = await runSystem(system, python?.path, workload.kind, workload.params, plan.timeoutMs);
    const samples = output.samples ?? [];
    return { samples: { ok: true, summary: summarize(samples), samples, ...(output.extra ? { extra: output.extra } : {}),
      ...(output.memory ? { memory: output.memory } : {}) } };
  } catch (error) {
    return { samples: { ok: false, error: (error as Error).message } };
  }
}

/** a: one process per repetition, timed from outside; the process reports its inner times. */
async function coldStart(system: System, workload: Workload, plan: Plan): Promise<Record<string, Cell>> {
  const series: Record<string, number[]> = Object.fromEntries(workload.metrics.map((m) => [m.key, []]));
  const runs = plan.coldRuns;
  try {
    for (let r = 0; r <= runs; r++) {
      const { output, wallMs } = await runSystem(system, python?.path, 'cold', workload.params, plan.timeoutMs);
      if (r === 0) continue; // warm-up: file cache, page cache, CPU frequency
      const figures: Record<string, unknown> = { ...output, wallMs };
      for (const m of workload.metrics) series[m.key]!.push(figures[m.key] as number);
      progress.note(`${r}/${runs}`);
    }
  } catch (error) {
    return Object.fromEntries(workload.metrics.map((m) => [m.key, { ok: false, error: (error as Error).message } as Cell]));
  }
  return Object.fromEntries(Object.entries(series).map(([k, s]) => [k, { ok: true, summary: summarize(s), samples: s } as Cell]));
}

function pick<T>(all: readonly T[], list: string | undefined, id: (t: T) => string): T[] {
  if (list === undefined) return [...all];
  // b′ and d′ may be typed b' and d'.
  const norm = (s: string): string => s.trim().replace("'", '′');
  const wanted = list.split(',').map(norm).filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((t) => id(t) === w));
  if (unknown.length > 0) throw new RangeError(`unknown: ${unknown.join(', ')}; known: ${all.map(id).join(', ')}`);
  return all.filter((t) => wanted.includes(id(t)));
}
