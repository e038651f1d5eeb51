/**
 * The short benchmark check `npm test` runs: issue 20's new bench code paths on tiny inputs, in seconds. Each
 * system script runs as `npm run bench` runs it (plain node or the real Python, one JSON line out) and must give
 * checked results: the thread pools, the pipe limit, workload g in multiproc, a thread pool and CPython (the
 * same seeded list in both languages), and the sequential-first speedup. Then the report renders from them.
 * Figures are never asserted: only shapes and results, so a loaded machine cannot fail it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { findPython } from '../../../bench/lib/environment.js';
import { goalRows } from '../../../bench/lib/goals.js';
import type { PeakMemory } from '../../../bench/lib/memory.js';
import { makePlan, type SystemId } from '../../../bench/lib/plan.js';
import { renderMarkdown } from '../../../bench/lib/report-md.js';
import { memorySection } from '../../../bench/lib/report-memory.js';
import { poolAndInputSection } from '../../../bench/lib/report-scale.js';
import { renderSvg } from '../../../bench/lib/report-svg.js';
import type { Cell, Results, Table } from '../../../bench/lib/results.js';
import { summarize } from '../../../bench/lib/stats.js';
import { buildDistOnce, plainEnv } from '../../../test-support/built-dist.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../../test-support/repo-paths.js';

import { durations } from './bench-helpers.js';

assertNoOrphans(test);

const run = promisify(execFile);

interface Output { samples: number[]; extra?: Record<string, unknown>; memory?: PeakMemory }

/** One system process, bounded; its one JSON line. */
async function system(script: string, workload: string, params: object, python?: string): Promise<Output> {
  const file = join(REPO_ROOT, 'bench/systems', script);
  const [command, args] = python === undefined ? [process.execPath, [file]] : [python, [file]];
  const env = plainEnv();
  delete env.NODE_EXTRA_CA_CERTS;
  const { stdout } = await run(command, [...args, workload, JSON.stringify(params)],
    { cwd: REPO_ROOT, env, timeout: 60_000, killSignal: 'SIGKILL' });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Output;
}

const G = { processes: 2, reps: 1, count: 4, seed: 20, minMs: 1, maxMs: 20 };
const ok = (o: Output): Cell => ({ ok: true, summary: summarize(o.samples), samples: o.samples, ...(o.extra ? { extra: o.extra } : {}),
  ...(o.memory ? { memory: o.memory } : {}) });
const environment = (python: ReturnType<typeof findPython>): Results['env'] => ({ date: new Date().toISOString(), os: 'test', cpu: 'test',
  cpus: 2, memoryGiB: 1, node: process.version, python: python?.version, pythonPath: python?.path, versions: {}, commit: 'test', loadBefore: [0, 0, 0] });

test('the pipe limit copies the payload through cat and back', async (t) => {
  const out = await system('pipe.mjs', 'echo', { processes: 2, reps: 2, count: 3, bytes: 65_536 });
  t.is(out.samples.length, 2);
  t.true(out.samples.every((v) => v > 0));
  await t.throwsAsync(system('pipe.mjs', 'map', {}), { message: /for workload e \(echo\) only/ });
});

test('the floor + the library\'s import answers a cold start, and only that', async (t) => {
  await buildDistOnce();
  const out = await system('floor-lib.mjs', 'cold', { processes: 2 }) as unknown as { firstResultMs: number; shutdownMs: number };
  t.true(out.firstResultMs > 0 && out.shutdownMs >= 0);
  await t.throwsAsync(system('floor-lib.mjs', 'map', {}), { message: /for workload a \(cold\) only/ });
});

for (const pool of ['piscina', 'tinypool']) {
  test(`${pool}: map, echo and g run with checked results`, async (t) => {
    const [map, echo, g] = await Promise.all([
      system(`${pool}.mjs`, 'map', { processes: 2, reps: 1, n: 1000 }),
      system(`${pool}.mjs`, 'echo', { processes: 2, reps: 1, count: 2, bytes: 8192 }),
      system(`${pool}.mjs`, 'mixed', G),
    ]);
    t.is(map.samples.length, 1);
    t.is(echo.samples.length, 1);
    t.deepEqual(g.extra?.durations, await durations(4, 20, 1, 20));
  });
}

test('d: a sequential and a parallel time per repetition, the warm-ups dropped', async (t) => {
  const out = await system('piscina.mjs', 'speedup', { processes: 2, reps: 2, count: 2, size: 1000 });
  t.is(out.samples.length, 2);
  t.like(out.extra, { n: 1000 });
  t.is((out.extra!.seqMs as number[]).length, 2);
  t.is((out.extra!.parMs as number[]).length, 2);
});

test('g: multiproc (built package) and CPython run the same seeded list; the report computes the ideal', async (t) => {
  await buildDistOnce();
  const python = findPython();
  const [multiproc, cpython] = await Promise.all([
    system('multiproc.mjs', 'mixed', G),
    python === undefined ? undefined : system('cpython.py', 'mixed', { ...G, start: 'fork' }, python.path),
  ]);
  t.deepEqual(multiproc.extra?.durations, await durations(4, 20, 1, 20));
  if (cpython === undefined) t.log('no python3: CPython side skipped');
  else t.deepEqual(cpython.extra?.durations, multiproc.extra?.durations, 'the same list in both languages');
  const r: Results = {
    plan: makePlan(true, 2, 2), systems: ['multiproc', 'cpython-fork'], scale: {}, seconds: 1, loadAfter: [0, 0, 0],
    table: { g: { samples: { multiproc: ok(multiproc), ...(cpython ? { 'cpython-fork': ok(cpython) } : {}) } } },
    env: environment(python),
  };
  const g = goalRows(r.table, 2).find((row) => row.goal.startsWith('g.'))!;
  t.regex(g.measured, /^\d+\.\d\d× ideal/, 'an ideal ratio, whatever its value on a loaded machine');
  t.regex(renderMarkdown(r), /Makespan ÷ ideal \(list scheduling in submission order on 2 workers\): multiproc \d/);
});

test('m, l and i run in multiproc and CPython; the memory and scale sections and bench.svg render from them', async (t) => {
  await buildDistOnce();
  const python = findPython();
  // Pools of 1: the code paths are the same, and half the worker processes keep npm test's bench check short.
  const tiny = {
    bigPayload: { processes: 1, mb: 1 },
    mapLong: { processes: 1, n: 1000 },
    imapEndless: { processes: 1, seconds: 0.5, sleepMs: 1, every: 100 },
    map: { processes: 1, reps: 1, n: 1000 },
  };
  const runs = async (id: SystemId): Promise<Record<keyof typeof tiny, Output>> => {
    const [script, interpreter, extra] = id === 'multiproc' ? ['multiproc.mjs', undefined, {}] : ['cpython.py', python!.path, { start: 'fork' }];
    const outs = await Promise.all(Object.entries(tiny).map(([kind, params]) => system(script, kind, { ...params, ...extra }, interpreter)));
    return Object.fromEntries(Object.keys(tiny).map((kind, i) => [kind, outs[i]!])) as Record<keyof typeof tiny, Output>;
  };
  const ids: SystemId[] = python === undefined ? ['multiproc'] : ['multiproc', 'cpython-fork'];
  if (python === undefined) t.log('no python3: CPython side skipped');
  const bySystem = await Promise.all(ids.map(runs));
  const table: Table = {};
  ids.forEach((id, i) => {
    const o = bySystem[i]!;
    t.true(o.bigPayload.samples[0]! >= 0 && o.imapEndless.extra?.['runaway'] === false, `${id}: a payload ratio, a bounded imap`);
    t.true(o.bigPayload.memory!.workersMiB.length >= 1, `${id}: the worker's peak read`);
    // The sweep's figures: the one tiny map stands for every pool and input size (only the shape is checked).
    for (const [w, out] of [['m', o.bigPayload], ['l', o.mapLong], ['i', o.imapEndless], ['s-p1-map', o.map], ['s-p2-map', o.map],
      ['s-n10000', o.map], ['s-n100000', o.map], ['c', o.map]] as const) ((table[w] ??= {}).samples ??= {})[id] = ok(out);
  });
  const r: Results = { plan: makePlan(true, 2, 2), systems: ids, scale: {}, seconds: 1, loadAfter: [0, 0, 0], table, env: environment(python) };

  const memory = memorySection(r).join('\n');
  t.regex(memory, /\| multiproc \| [\d.]+× \| [\d.]+ \| [\d.]+ \| \*\*(met|not met)\*\* \|/, 'm: ratio, MiB, ms and a verdict');
  for (const id of ['m', 'l', 'i']) t.regex(memory, new RegExp(`\\| ${id} \\| multiproc \\| [\\d.]+ \\| [\\d., ]+ \\|`), `${id}: parent and workers`);
  t.regex(memory, /\| [\d.]+( → [\d.]+){9} \| [\d.-]+ \| [\d,]+ \| [\d,]+ \| bounded \|/, 'i: ten checkpoints, bounded');
  const scale = poolAndInputSection(r).join('\n');
  t.regex(scale, /\| multiproc · map items\/s \| [\d,.]+ \| [\d,.]+ \|/);
  t.regex(scale, /\| multiproc \| [\d.-]+ \| [\d.-]+ \| /, 'a fitted line through the input sizes');
  if (python !== undefined) t.regex(memory + scale, /\| CPython fork \|/);
  const svg = renderSvg(r);
  t.true(svg.includes('c. map, items/s'), 'a workload of the main table is drawn');
  const own = r.plan.workloads.filter((w) => w.ownSection).flatMap((w) => w.metrics.map((m) => m.chart));
  t.deepEqual(own.filter((chart) => svg.includes(`>${chart}<`)), [], 'the memory and scale workloads have their own sections, no bars');
});
