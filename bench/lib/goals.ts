/**
 * The goals table: issue 20's goals (and the earlier ones still held) against the medians of one run, each with a
 * verdict. Pure functions of the table, so the verdict logic is tested without running a benchmark.
 *
 * Honesty rules: a goal reads "met" only when every input it names was measured in this run. A goal about peers
 * ("ahead of every Node process pool") is "not met" as soon as one measured peer is ahead, and "not measured"
 * when a peer it names did not run or failed (we cannot claim to lead a peer we did not race). The thread pools
 * (piscina, tinypool) share memory with their caller: they are shown beside the goals, never counted as peers.
 */
import { FLOOR, FREE_GRACE_MS, REFERENCE, type SystemId } from './plan.js';
import { medianOf, type Table } from './results.js';
import { summarize } from './stats.js';
import { differentLists, idealRatio } from './schedule.js';

export type Verdict = 'met' | 'not met' | 'not measured';

export interface GoalRow {
  readonly issue: number;
  readonly goal: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

/** The Node process pools "every Node process pool" means. */
const NODE_PROCESS_POOLS: readonly SystemId[] = ['workerpool', 'poolifier'];
/** Every process-pool peer of b ("ahead of every peer"): the Node process pools and CPython's other start method. */
const PROCESS_PEERS: readonly SystemId[] = [...NODE_PROCESS_POOLS, 'cpython-spawn'];
/** Shared-memory pools: a bar to approach, not a peer class. */
export const THREAD_POOLS: readonly SystemId[] = ['piscina', 'tinypool'];
/** The raw pipe copy of workload e. */
const PIPE: SystemId = 'pipe';
/** Workload a's limit: the floor where the parent and each child import the package (bench/systems/floor-lib.mjs). */
const FLOOR_LIB: SystemId = 'floor-lib';

/** The thresholds, named once so the table's text and its verdicts cannot drift apart. */
export const GOALS = {
  bTimesFork: 5,
  cTimesFork: 2.5,
  aWholeFloor: 1.05,
  aInProcessFloor: 1.1,
  eTimesBestNodePool: 1.2,
  gTimesIdeal: 1.05,
  /** m: the parent's peak RSS above its baseline, in payloads (argument and result alone are 2×). */
  mTimesPayload: 3,
} as const;

/** Verdict of "value ≥ bar" (or ≤ for 'lower'), or not measured when value is missing. */
export function against(value: number | undefined, bar: number, better: 'higher' | 'lower'): Verdict {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  return (better === 'higher' ? value >= bar : value <= bar) ? 'met' : 'not met';
}

/**
 * "multiproc ahead of every one of `peers` by ≥ `factor`": not met when a measured peer is not that far behind,
 * not measured when multiproc or any named peer has no figure, met otherwise (never met with no peer at all).
 */
export function aheadOfEvery(ours: number | undefined, peers: readonly (number | undefined)[], factor: number,
  better: 'higher' | 'lower' = 'higher'): Verdict {
  if (ours === undefined || peers.length === 0) return 'not measured';
  const ahead = (theirs: number): boolean => (better === 'higher' ? ours >= theirs * factor : ours * factor <= theirs);
  const measured = peers.filter((p): p is number => p !== undefined);
  if (measured.some((p) => !ahead(p))) return 'not met';
  return measured.length === peers.length ? 'met' : 'not measured';
}

/** Both parts must hold: the worst verdict wins ("not met" over "not measured" over "met"). */
export function all(...verdicts: Verdict[]): Verdict {
  if (verdicts.includes('not met')) return 'not met';
  if (verdicts.includes('not measured')) return 'not measured';
  return 'met';
}

/** The goals table's rows for one run's table. `g` needs the task durations the systems ran (extra.durations). */
export function goalRows(table: Table, processes: number): GoalRow[] {
  const m = (w: string, k: string, s: SystemId): number | undefined => medianOf(table, w, k, s);
  const div = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined || b === 0 ? undefined : a / b;
  const named = (ids: readonly SystemId[], w: string, k = 'samples'): string =>
    ids.map((id) => `${x(div(m(w, k, 'multiproc'), m(w, k, id)))} ${id}`).join(', ');
  const threads = (w: string): string => (THREAD_POOLS.some((id) => m(w, 'samples', id) !== undefined)
    ? `; thread pools (not peers): ${THREAD_POOLS.filter((id) => m(w, 'samples', id) !== undefined).map((id) => `${x(div(m(w, 'samples', 'multiproc'), m(w, 'samples', id)))} ${id}`).join(', ')}`
    : '');
  const rows: GoalRow[] = [];
  const { b: bFork, c: cFork, aWhole, aIn, g: gIdeal } = ratios(table, processes);

  rows.push({ issue: 20, goal: `b. tasks/s ≥ ${GOALS.bTimesFork}× CPython fork, ahead of every peer (${PROCESS_PEERS.join(', ')})`,
    measured: `${x(bFork)} CPython fork; ${named(PROCESS_PEERS, 'b')}${threads('b')}`,
    verdict: all(against(bFork, GOALS.bTimesFork, 'higher'),
      aheadOfEvery(m('b', 'samples', 'multiproc'), PROCESS_PEERS.map((p) => m('b', 'samples', p)), 1)) });

  rows.push({ issue: 20, goal: `c. map items/s ≥ ${GOALS.cTimesFork}× CPython fork`, measured: `${x(cFork)}${threads('c')}`,
    verdict: against(cFork, GOALS.cTimesFork, 'higher') });

  // Beside each a ratio, the limit's own ratio to the floor: what importing the package alone costs.
  const limitBeside = (k: string): string => (m('a', k, FLOOR_LIB) === undefined ? ''
    : `; the limit (floor + the library's import) is ${x(div(m('a', k, FLOOR_LIB), m('a', k, FLOOR)))} the floor`);
  rows.push({ issue: 20, goal: `a. cold start, whole process ≤ ${GOALS.aWholeFloor}× the floor`, measured: x(aWhole) + limitBeside('wallMs'),
    verdict: against(aWhole, GOALS.aWholeFloor, 'lower') });
  rows.push({ issue: 20, goal: `a. cold start, in process (pool → first result) ≤ ${GOALS.aInProcessFloor}× the floor`,
    measured: x(aIn) + limitBeside('firstResultMs'), verdict: against(aIn, GOALS.aInProcessFloor, 'lower') });
  // The same bounds against the measured limit: a pool whose workers must load the package pays its import.
  const aWholeLimit = div(m('a', 'wallMs', 'multiproc'), m('a', 'wallMs', FLOOR_LIB));
  const aInLimit = div(m('a', 'firstResultMs', 'multiproc'), m('a', 'firstResultMs', FLOOR_LIB));
  rows.push({ issue: 20, goal: `a. cold start against its measured limit (floor + the library's import): whole process ≤ ${GOALS.aWholeFloor}×, in process ≤ ${GOALS.aInProcessFloor}×`,
    measured: `${x(aWholeLimit)} whole, ${x(aInLimit)} in process`,
    verdict: all(against(aWholeLimit, GOALS.aWholeFloor, 'lower'), against(aInLimit, GOALS.aInProcessFloor, 'lower')) });

  const eMp = m('e', 'samples', 'multiproc');
  const pipe = m('e', 'samples', PIPE);
  rows.push({ issue: 20, goal: `e. MiB/s ≥ ${GOALS.eTimesBestNodePool}× every Node process pool (${NODE_PROCESS_POOLS.join(', ')}), the pipe's limit beside`,
    measured: `${named(NODE_PROCESS_POOLS, 'e')}; ${pipe === undefined ? 'pipe limit not measured' : `${x(div(eMp, pipe))} the pipe limit (${pipe.toFixed(0)} MiB/s)`}${threads('e')}`,
    verdict: aheadOfEvery(eMp, NODE_PROCESS_POOLS.map((p) => m('e', 'samples', p)), GOALS.eTimesBestNodePool) });

  const gMp = m('g', 'samples', 'multiproc');
  // CPython's makespan counts only when it ran the very list multiproc ran.
  const gFork = differentLists(table).includes(REFERENCE) ? undefined : m('g', 'samples', REFERENCE);
  // The floor hands each item to the first child free with nothing but Node's IPC between tasks: the reference for a
  // pool whose parent hands out every task (which is what lets a pool name the task a dead worker held).
  const gFloor = differentLists(table).includes(FLOOR) ? undefined : m('g', 'samples', FLOOR);
  const gBound = gFloor === undefined ? '' : `; the floor (a parent handing each item to the first child free) ${x(div(gFloor, gFork))} CPython fork's, multiproc ${x(div(gMp, gFloor))} it`;
  rows.push({ issue: 20, goal: `g. mixed durations: makespan ≤ ${GOALS.gTimesIdeal}× the ideal greedy schedule, and no longer than CPython fork's`,
    measured: `${x(gIdeal)} ideal; ${x(div(gMp, gFork))} CPython fork's makespan (CPython fork ${x(idealRatio(table, REFERENCE, processes))} ideal)${gBound}`,
    verdict: all(against(gIdeal, GOALS.gTimesIdeal, 'lower'), aheadOfEvery(gMp, [gFork], 1, 'lower')) });

  const mPeak = m('m', 'samples', 'multiproc');
  rows.push({ issue: 20, goal: `m. one 50 MiB buffer (16 MiB with --quick) through map and back: parent's peak ≤ ${GOALS.mTimesPayload}× the payload`,
    measured: x(mPeak), verdict: against(mPeak, GOALS.mTimesPayload, 'lower') });

  // Earlier issues' goals that still hold.
  const dPrime = m('d′', 'samples', 'multiproc');
  rows.push({ issue: 6, goal: 'd′. speedup ≥ 1.9×', measured: `${x(dPrime)} (CPython fork ${x(m('d′', 'samples', REFERENCE))})`,
    verdict: against(dPrime, 1.9, 'higher') });
  for (const f of ['f', 'f′']) {
    const ms = m(f, 'samples', 'multiproc');
    rows.push({ issue: 18, goal: `${f}. ${f === 'f' ? 'abort' : 'expiry'} → fresh task ≤ graceMs + 100 ms (${FREE_GRACE_MS + 100} ms)`,
      measured: ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`, verdict: against(ms, FREE_GRACE_MS + 100, 'lower') });
  }
  const c = m('c', 'samples', 'multiproc');
  for (const [id, budget] of [['c-progress', 0.05], ['c-report', 0.2]] as const) {
    // The paired ratio (plain map on the same pool in the same rounds) when the run has it; c otherwise.
    const paired = pairedKept(table, id);
    const kept = paired ?? div(m(id, 'samples', 'multiproc'), c);
    const against_ = paired === undefined ? 'c' : 'the plain map in the same rounds (median of per-round ratios)';
    rows.push({ issue: 18, goal: `${id}. costs under ${budget * 100}% of the plain map's items/s`,
      measured: kept === undefined ? 'n/a' : `${Math.abs((1 - kept) * 100).toFixed(1)}% ${kept <= 1 ? 'below' : 'above'} ${against_}`,
      verdict: against(kept === undefined ? undefined : 1 - kept, budget, 'lower') });
  }
  return rows;
}

/** c-progress, c-report: the median of multiproc's per-round ratios to the plain map run beside it (extra.kept). */
export function pairedKept(table: Table, workload: string): number | undefined {
  const cell = table[workload]?.['samples']?.multiproc;
  const kept = cell?.ok ? cell.extra?.['kept'] : undefined;
  if (!Array.isArray(kept) || kept.length === 0 || !kept.every((k) => typeof k === 'number' && Number.isFinite(k))) return undefined;
  return summarize(kept as number[]).median;
}

/** The headline ratios a run keeps in reports/bench-history.json and the trend chart draws, with their goal. */
export interface Headline {
  readonly key: string;
  readonly goal: number;
  readonly better: 'higher' | 'lower';
}

/** Each headline ratio's key in the history file (kept as they are: older runs are recorded under them). */
const HEADLINE_KEYS = {
  b: 'b × CPython fork',
  c: 'c × CPython fork',
  aWhole: 'a whole × floor',
  aIn: 'a in process × floor',
  e: 'e × best Node process pool',
  g: 'g × ideal',
} as const;
type Ratio = keyof typeof HEADLINE_KEYS;

export const HEADLINES: readonly Headline[] = [
  { key: HEADLINE_KEYS.b, goal: GOALS.bTimesFork, better: 'higher' },
  { key: HEADLINE_KEYS.c, goal: GOALS.cTimesFork, better: 'higher' },
  { key: HEADLINE_KEYS.aWhole, goal: GOALS.aWholeFloor, better: 'lower' },
  { key: HEADLINE_KEYS.aIn, goal: GOALS.aInProcessFloor, better: 'lower' },
  { key: HEADLINE_KEYS.e, goal: GOALS.eTimesBestNodePool, better: 'higher' },
  { key: HEADLINE_KEYS.g, goal: GOALS.gTimesIdeal, better: 'lower' },
];

/** The headline ratios of one run, computed once for the goals table and the history (undefined where an input is missing). */
function ratios(table: Table, processes: number): Record<Ratio, number | undefined> {
  const m = (w: string, k: string, s: SystemId): number | undefined => medianOf(table, w, k, s);
  const div = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined || b === 0 ? undefined : a / b;
  const pools = NODE_PROCESS_POOLS.map((p) => m('e', 'samples', p));
  const bestPool = pools.every((p) => p !== undefined) ? Math.max(...pools as number[]) : undefined;
  return {
    b: div(m('b', 'samples', 'multiproc'), m('b', 'samples', REFERENCE)),
    c: div(m('c', 'samples', 'multiproc'), m('c', 'samples', REFERENCE)),
    aWhole: div(m('a', 'wallMs', 'multiproc'), m('a', 'wallMs', FLOOR)),
    aIn: div(m('a', 'firstResultMs', 'multiproc'), m('a', 'firstResultMs', FLOOR)),
    e: div(m('e', 'samples', 'multiproc'), bestPool),
    g: idealRatio(table, 'multiproc', processes),
  };
}

/** This run's headline ratios, keyed as the history keeps them (null where an input is missing: JSON keeps null, not undefined). */
export function headlineRatios(table: Table, processes: number): Record<string, number | null> {
  const r = ratios(table, processes);
  return Object.fromEntries((Object.keys(HEADLINE_KEYS) as Ratio[]).map((id) => [HEADLINE_KEYS[id], r[id] ?? null]));
}

export function x(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(2)}×`;
}
