/**
 * The bench's goals table (bench/lib/goals.ts): verdicts from a run's medians, without running a benchmark.
 * Honesty first: nothing reads "met" on figures that were not measured.
 */
import test from 'ava';
import { aheadOfEvery, against, all, goalRows, headlineRatios, type GoalRow } from '../../../bench/lib/goals.js';
import type { SystemId } from '../../../bench/lib/plan.js';
import type { Cell, Table } from '../../../bench/lib/results.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const cell = (median: number, extra?: Record<string, unknown>): Cell =>
  ({ ok: true, summary: { median, min: median, max: median, n: 1 }, samples: [median], ...(extra ? { extra } : {}) });
const failed: Cell = { ok: false, error: 'exit code 1' };

/** A table with one metric (samples) per workload: { b: { multiproc: 100, … } }. */
function table(figures: Record<string, Partial<Record<SystemId, number | Cell>>>): Table {
  return Object.fromEntries(Object.entries(figures).map(([w, bySystem]) => [w, {
    samples: Object.fromEntries(Object.entries(bySystem).map(([id, v]) => [id, typeof v === 'number' ? cell(v) : v])),
  }]));
}

const row = (rows: GoalRow[], prefix: string): GoalRow => {
  const found = rows.find((r) => r.goal.startsWith(prefix));
  if (found === undefined) throw new Error(`no goal starting "${prefix}"`);
  return found;
};

test('against: a missing or non-finite figure is not measured; otherwise the bar decides, either way', (t) => {
  t.is(against(undefined, 2, 'higher'), 'not measured');
  t.is(against(Number.NaN, 2, 'higher'), 'not measured');
  t.is(against(2.5, 2.5, 'higher'), 'met');
  t.is(against(2.49, 2.5, 'higher'), 'not met');
  t.is(against(1.05, 1.05, 'lower'), 'met');
  t.is(against(1.06, 1.05, 'lower'), 'not met');
});

test('aheadOfEvery: never met with no peer; a measured peer ahead means not met; a missing peer means not measured', (t) => {
  t.is(aheadOfEvery(100, [], 1.2), 'not measured');
  t.is(aheadOfEvery(undefined, [10], 1.2), 'not measured');
  t.is(aheadOfEvery(100, [undefined, undefined], 1.2), 'not measured');
  t.is(aheadOfEvery(100, [80, undefined], 1.2), 'not measured', 'one peer did not run: the claim is not proven');
  t.is(aheadOfEvery(100, [90, undefined], 1.2), 'not met', 'a measured peer within 1.2× already decides');
  t.is(aheadOfEvery(120, [100, 50], 1.2), 'met');
  t.is(aheadOfEvery(119, [100, 50], 1.2), 'not met');
  t.is(aheadOfEvery(100, [100], 1, 'lower'), 'met', 'times: no longer than the peer');
  t.is(aheadOfEvery(101, [100], 1, 'lower'), 'not met');
});

test('all: not met beats not measured beats met', (t) => {
  t.is(all('met', 'met'), 'met');
  t.is(all('met', 'not measured'), 'not measured');
  t.is(all('not measured', 'not met'), 'not met');
});

test('with no peer measured, b and e read not measured, never met', (t) => {
  const rows = goalRows(table({ b: { multiproc: 1000, 'cpython-fork': 100 }, e: { multiproc: 500 } }), 2);
  t.is(row(rows, 'b.').verdict, 'not measured');
  t.is(row(rows, 'e.').verdict, 'not measured');
});

test('b: met only at 5× CPython fork and ahead of poolifier, workerpool and CPython spawn', (t) => {
  const peers = { poolifier: 400, workerpool: 300, 'cpython-spawn': 90 };
  t.is(row(goalRows(table({ b: { multiproc: 500, 'cpython-fork': 100, ...peers } }), 2), 'b.').verdict, 'met');
  t.is(row(goalRows(table({ b: { multiproc: 499, 'cpython-fork': 100, ...peers } }), 2), 'b.').verdict, 'not met');
  t.is(row(goalRows(table({ b: { multiproc: 600, 'cpython-fork': 100, ...peers, poolifier: 700 } }), 2), 'b.').verdict, 'not met');
  t.is(row(goalRows(table({ b: { multiproc: 600, 'cpython-fork': 100, ...peers, workerpool: failed } }), 2), 'b.').verdict,
    'not measured', 'a failed peer is not a beaten peer');
});

test('the thread pools are shown beside a goal but never counted as peers', (t) => {
  const rows = goalRows(table({ e: { multiproc: 600, workerpool: 400, poolifier: 300, piscina: 5000, tinypool: 4000 } }), 2);
  t.is(row(rows, 'e.').verdict, 'met');
  t.regex(row(rows, 'e.').measured, /thread pools \(not peers\): 0\.12× piscina, 0\.15× tinypool/);
});

test('e: ≥ 1.2× the best Node process pool, with the ratio to the pipe limit beside', (t) => {
  const rows = goalRows(table({ e: { multiproc: 600, workerpool: 500, poolifier: 300, pipe: 1200 } }), 2);
  t.is(row(rows, 'e.').verdict, 'met');
  t.regex(row(rows, 'e.').measured, /0\.50× the pipe limit \(1200 MiB\/s\)/);
  t.is(row(goalRows(table({ e: { multiproc: 590, workerpool: 500, poolifier: 300 } }), 2), 'e.').verdict, 'not met');
  t.regex(row(goalRows(table({ e: { multiproc: 590 } }), 2), 'e.').measured, /pipe limit not measured/);
});

test('c and a: a failed reference or floor reads not measured', (t) => {
  t.is(row(goalRows(table({ c: { multiproc: 300, 'cpython-fork': 100 } }), 2), 'c.').verdict, 'met');
  t.is(row(goalRows(table({ c: { multiproc: 240, 'cpython-fork': 100 } }), 2), 'c.').verdict, 'not met');
  t.is(row(goalRows(table({ c: { multiproc: 300, 'cpython-fork': failed } }), 2), 'c.').verdict, 'not measured');
  const a = (mp: number, floor: number): Table => ({ a: { wallMs: { multiproc: cell(mp), floor: cell(floor) },
    firstResultMs: { multiproc: cell(mp / 2), floor: cell(floor / 2) } } });
  const rows = goalRows(a(105, 100), 2);
  t.is(row(rows, 'a. cold start, whole').verdict, 'met');
  t.is(row(rows, 'a. cold start, in process').verdict, 'met');
  t.is(row(goalRows(a(106, 100), 2), 'a. cold start, whole').verdict, 'not met');
  t.is(row(goalRows(table({}), 2), 'a. cold start, whole').verdict, 'not measured');
});

test('a against its measured limit (floor + the library\'s import): its own verdict, and the limit beside each a row', (t) => {
  const a = (mp: number, floor: number, lib?: number): Table => ({ a: {
    wallMs: { multiproc: cell(mp), floor: cell(floor), ...(lib === undefined ? {} : { 'floor-lib': cell(lib) }) },
    firstResultMs: { multiproc: cell(mp / 2), floor: cell(floor / 2), ...(lib === undefined ? {} : { 'floor-lib': cell(lib / 2) }) } } });
  const limit = 'a. cold start against its measured limit';
  const rows = goalRows(a(140, 100, 134), 2);
  t.is(row(rows, limit).verdict, 'met', '1.04× the limit whole and in process');
  t.regex(row(rows, limit).measured, /^1\.04× whole, 1\.04× in process$/);
  t.is(row(rows, 'a. cold start, whole').verdict, 'not met', 'the floor goal is still read against the floor');
  t.regex(row(rows, 'a. cold start, whole').measured, /^1\.40×; the limit \(floor \+ the library's import\) is 1\.34× the floor$/);
  t.is(row(goalRows(a(150, 100, 134), 2), limit).verdict, 'not met', '1.12× the limit');
  t.is(row(goalRows(a(140, 100), 2), limit).verdict, 'not measured', 'no limit ran');
  t.is(row(goalRows(a(140, 100), 2), 'a. cold start, whole').measured, '1.40×');
});

test('g: makespan ÷ ideal from the durations run, and no longer than CPython fork on the same list', (t) => {
  const durations = [100, 100, 100, 100]; // ideal on 2 workers: 200 ms
  const g = (mp: number, fork: number, forkList = durations): Table => table({ g: {
    multiproc: cell(mp, { durations }), 'cpython-fork': cell(fork, { durations: forkList }) } });
  t.is(row(goalRows(g(210, 220), 2), 'g.').verdict, 'met');
  t.regex(row(goalRows(g(210, 220), 2), 'g.').measured, /^1\.05× ideal/);
  t.is(row(goalRows(g(211, 220), 2), 'g.').verdict, 'not met', '1.055× ideal');
  t.is(row(goalRows(g(205, 204), 2), 'g.').verdict, 'not met', 'longer than CPython fork');
  t.is(row(goalRows(g(205, 204, [1, 2, 3, 4]), 2), 'g.').verdict, 'not measured', 'CPython ran another list: no comparison');
  t.is(row(goalRows(table({ g: { multiproc: 205 } }), 2), 'g.').verdict, 'not measured', 'no durations, no ideal');
  // The floor's makespan is shown beside, as the bound of a pool whose parent hands out every task; it never
  // changes the verdict.
  const withFloor = table({ g: { multiproc: cell(210, { durations }), 'cpython-fork': cell(204, { durations }), floor: cell(206, { durations }) } });
  t.is(row(goalRows(withFloor, 2), 'g.').verdict, 'not met');
  t.regex(row(goalRows(withFloor, 2), 'g.').measured, /the floor \(a parent handing each item to the first child free\) 1\.01× CPython fork's, multiproc 1\.02× it$/);
  t.notRegex(row(goalRows(g(210, 220), 2), 'g.').measured, /floor/, 'no floor ran: nothing said of it');
});

test('the headline ratios kept in the history are those of the goals, null where missing', (t) => {
  const h = headlineRatios(table({ b: { multiproc: 600, 'cpython-fork': 100 }, e: { multiproc: 600, workerpool: 300 } }), 2);
  t.is(h['b × CPython fork'], 6);
  t.is(h['c × CPython fork'], null);
  t.is(h['e × best Node process pool'], null, 'poolifier missing: no best pool');
});

test('m: the parent\'s peak ≤ GOALS.mTimesPayload × the payload, from multiproc\'s median; missing is not measured', (t) => {
  t.is(row(goalRows(table({ m: { multiproc: 2.9, 'cpython-fork': 9 } }), 2), 'm.').verdict, 'met');
  t.is(row(goalRows(table({ m: { multiproc: 3.1 } }), 2), 'm.').verdict, 'not met');
  t.is(row(goalRows(table({ m: { 'cpython-fork': 2 } }), 2), 'm.').verdict, 'not measured');
  t.regex(row(goalRows(table({ m: { multiproc: 2.9 } }), 2), 'm.').goal, /≤ 3× the payload/);
});

test('c-progress and c-report: the paired ratio to the plain map in the same rounds decides when the run has it; c otherwise', (t) => {
  const base = { c: { multiproc: 1000 } };
  // Alone, c-progress at 800 reads 20% below c; its rounds beside the plain map say 2% below.
  const paired = goalRows(table({ ...base, 'c-progress': { multiproc: cell(800, { kept: [0.97, 0.98, 0.99] }) } }), 2);
  t.is(row(paired, 'c-progress').verdict, 'met');
  t.regex(row(paired, 'c-progress').measured, /^2\.0% below the plain map in the same rounds/);
  const unpaired = goalRows(table({ ...base, 'c-progress': { multiproc: 800 } }), 2);
  t.is(row(unpaired, 'c-progress').verdict, 'not met');
  t.regex(row(unpaired, 'c-progress').measured, /^20\.0% below c$/);
  const costly = goalRows(table({ ...base, 'c-report': { multiproc: cell(990, { kept: [0.7, 0.75, 0.8] }) } }), 2);
  t.is(row(costly, 'c-report').verdict, 'not met', 'a paired cost over the budget is not met, whatever c says');
  const junk = goalRows(table({ ...base, 'c-progress': { multiproc: cell(990, { kept: ['x'] }) } }), 2);
  t.regex(row(junk, 'c-progress').measured, /below c$/, 'a malformed extra falls back to c');
});
