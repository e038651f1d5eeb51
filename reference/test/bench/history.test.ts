/** The bench's history (bench/lib/history.ts) and its trend chart (bench/lib/report-trend.ts). */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appended, chosenRun, historyEntry, HISTORY_KEEP, keepsHistory, readHistory, writeHistory, type HistoryEntry } from '../../../bench/lib/history.js';
import { makePlan, SYSTEMS } from '../../../bench/lib/plan.js';
import { renderMarkdown } from '../../../bench/lib/report-md.js';
import { renderTrend, TREND_RUNS, trendPoints } from '../../../bench/lib/report-trend.js';
import type { Cell, Results } from '../../../bench/lib/results.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const ok = (median: number): Cell => ({ ok: true, summary: { median, min: median, max: median, n: 1 }, samples: [median] });

function results(quick: boolean, loadBefore = 0.2): Results {
  return {
    plan: makePlan(quick, 2, 2), systems: ['multiproc', 'cpython-fork'],
    table: { b: { samples: { multiproc: ok(60_000), 'cpython-fork': ok(10_000) } }, c: { samples: { multiproc: ok(1), 'cpython-fork': { ok: false, error: 'boom' } } } },
    scale: {},
    env: { date: '2026-12-07T16:00:00.000Z', os: 'Linux', cpu: 'Test CPU @ 2 GHz', cpus: 2, memoryGiB: 4, node: 'v20',
      python: '3.12', pythonPath: undefined, versions: {}, commit: 'abc1234', loadBefore: [loadBefore, 0, 0] },
    seconds: 10, loadAfter: [1.5, 0, 0],
  };
}

test('only a full run writing reports/ is kept in the history', (t) => {
  t.true(keepsHistory(false, 'reports/'));
  t.true(keepsHistory(false, './reports'));
  t.false(keepsHistory(true, 'reports/'), '--quick measures smaller workloads');
  t.false(keepsHistory(false, '.tmp/bench'), '--out elsewhere is a look at work in progress');
  t.false(keepsHistory(false, 'reports/', true), '--systems or --workloads leave ratios out');
});

test('a chosen run: a --systems or --workloads list, a system not run (no python3), or another pool size', (t) => {
  const all = SYSTEMS.map((s) => s.id);
  t.false(chosenRun({ listed: false, systems: all, all, processes: 2 }));
  t.true(chosenRun({ listed: true, systems: all, all, processes: 2 }));
  t.true(chosenRun({ listed: false, systems: all.filter((id) => !id.startsWith('cpython')), all, processes: 2 }), 'CPython dropped');
  t.true(chosenRun({ listed: false, systems: all, all, processes: 4 }), 'another pool size is another benchmark');
});

test('an entry keeps date, commit, CPU, load, headline ratios and the medians of what was measured', (t) => {
  const e = historyEntry(results(false));
  t.like(e, { date: '2026-12-07T16:00:00.000Z', commit: 'abc1234', cpu: 'Test CPU @ 2 GHz', cpus: 2, processes: 2, load: [0.2, 1.5], quick: false });
  t.is(e.headlines['b × CPython fork'], 6);
  t.is(e.headlines['c × CPython fork'], null, 'a failed reference is null, not a ratio');
  t.deepEqual(e.medians.c, { samples: { multiproc: 1 } });
});

test('the history file: none yet is empty, a run is appended one per line, the oldest dropped past the limit', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'bench-history.json');
  t.deepEqual(readHistory(file), []);
  const e = historyEntry(results(false));
  writeHistory(file, appended(readHistory(file), e));
  writeHistory(file, appended(readHistory(file), { ...e, commit: 'def5678' }));
  t.deepEqual(readHistory(file).map((x) => x.commit), ['abc1234', 'def5678']);
  t.is(readFileSync(file, 'utf8').split('\n').length, 5, '[, two runs, ], and the final newline');
  const many = Array.from({ length: HISTORY_KEEP }, (_, i) => ({ ...e, commit: String(i) }));
  const kept = appended(many, { ...e, commit: 'new' });
  t.is(kept.length, HISTORY_KEEP);
  t.is(kept[0]!.commit, '1');
  t.is(kept.at(-1)!.commit, 'new');
  writeFileSync(file, '{"not": "a list"}');
  t.throws(() => readHistory(file), { message: /is not a JSON list of runs; fix or remove it/ });
});

test('the trend draws the newest runs of each headline, hollow where the machine was busy, "not measured" when empty', (t) => {
  const e = (v: number | null, load: number): HistoryEntry => ({ ...historyEntry(results(false, load)), headlines: { 'b × CPython fork': v } });
  const history = [e(1, 0), ...Array.from({ length: TREND_RUNS - 1 }, (_, i) => e(i + 2, 0)), e(null, 0), e(9, 1.5)];
  const points = trendPoints(history, 'b × CPython fork');
  t.is(points.length, TREND_RUNS - 1, 'the oldest two fell off the window; the null run draws no point');
  t.deepEqual(points.at(-1), [TREND_RUNS - 1, 9, true], 'load 1.5 on 2 CPUs: busy');
  t.false(points[0]![2]);
  const svg = renderTrend(history);
  t.regex(svg, /^<svg [^>]*>/);
  t.regex(svg, /b × CPython fork/);
  t.regex(svg, /fill="white" stroke="#d62728"/, 'a hollow point');
  t.regex(svg, /not measured/, 'headlines with no value in any run');
});

test('bench.md links the trend and says whether the run was kept', (t) => {
  t.regex(renderMarkdown(results(false), { runs: 3, kept: true }), /!\[headline ratios over the last runs\]\(bench-trend\.svg\)[\s\S]*3 runs with this one\)\. This run was appended/);
  t.regex(renderMarkdown(results(true), { runs: 1, kept: false }), /This run was \*\*not\*\* appended/);
  t.regex(renderMarkdown(results(false)), /## Goals/);
});
