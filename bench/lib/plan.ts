/**
 * What the benchmark runs: the systems, the workloads of issue 6 with their sizes (full and --quick), and how
 * each figure reads (its unit, and whether higher or lower is better).
 */
import { memoryWorkloads } from './plan-memory.js';

export type SystemId = 'multiproc' | 'cpython-fork' | 'cpython-spawn' | 'poolifier' | 'workerpool' | 'floor'
  | 'piscina' | 'tinypool' | 'pipe' | 'floor-lib';

export interface System {
  readonly id: SystemId;
  readonly label: string;
  /** The file that runs the workloads, under bench/systems/. */
  readonly script: string;
  readonly python?: { readonly start: 'fork' | 'spawn' };
  /** Only these workloads (a system that is a limit for one workload, not a pool); every workload when left out. */
  readonly workloads?: readonly string[];
}

export const SYSTEMS: readonly System[] = [
  { id: 'multiproc', label: 'multiproc', script: 'multiproc.mjs' },
  { id: 'cpython-fork', label: 'CPython fork', script: 'cpython.py', python: { start: 'fork' } },
  { id: 'cpython-spawn', label: 'CPython spawn', script: 'cpython.py', python: { start: 'spawn' } },
  { id: 'poolifier', label: 'poolifier (cluster)', script: 'poolifier.mjs' },
  { id: 'workerpool', label: "workerpool ('process')", script: 'workerpool.mjs' },
  { id: 'floor', label: 'floor (bare fork)', script: 'floor.mjs' },
  // Thread pools (issue 20): they share memory with their caller, so they set a bar, not a peer class.
  { id: 'piscina', label: 'piscina (threads)', script: 'piscina.mjs' },
  { id: 'tinypool', label: 'tinypool (threads)', script: 'tinypool.mjs' },
  // The pipe's own limit for payloads: the same bytes through `cat` children and back, no pool.
  { id: 'pipe', label: 'pipe limit (cat)', script: 'pipe.mjs', workloads: ['e'] },
  // Cold start's limit for a library of this size: the floor, where the parent and each child import the package.
  { id: 'floor-lib', label: 'floor + library import', script: 'floor-lib.mjs', workloads: ['a'] },
];

/** The two references every ratio is taken against. */
export const REFERENCE: SystemId = 'cpython-fork';
export const FLOOR: SystemId = 'floor';

export type Better = 'higher' | 'lower';

/** One figure of a workload, read from each repetition. */
export interface Metric {
  /** Key of the figure in a system's output (`samples` for the workload's own figure). */
  readonly key: string;
  readonly title: string;
  readonly unit: string;
  readonly better: Better;
  /** Its row label in the chart. */
  readonly chart: string;
}

export interface Workload {
  readonly id: string;
  /** Name of the workload in the systems' harnesses. */
  readonly kind: 'cold' | 'tasks' | 'roundtrip' | 'map' | 'speedup' | 'echo' | 'free' | 'mapProgress' | 'mixed'
    | 'bigPayload' | 'mapLong' | 'imapEndless';
  readonly title: string;
  readonly metrics: readonly Metric[];
  readonly params: Record<string, number>;
  /** A line under the table: what exactly was run. */
  readonly what: string;
  /** Only these systems run it (a feature the others lack); every system when left out. */
  readonly systems?: readonly SystemId[];
  /** Shown in a section of its own (plan-memory.ts), not as a table of its own. */
  readonly ownSection?: boolean;
}

export interface Plan {
  readonly quick: boolean;
  readonly processes: number;
  readonly reps: number;
  /** Cold start: measured processes, after a warm-up one. */
  readonly coldRuns: number;
  readonly workloads: readonly Workload[];
  /** Processes counts for the speedup curve, 1 … cpuCount. */
  readonly scale: readonly number[];
  /** Time bound of one system process, ms. */
  readonly timeoutMs: number;
}

export function makePlan(quick: boolean, processes: number, cpus: number): Plan {
  const q = <T>(full: T, short: T): T => (quick ? short : full);
  const reps = q(5, 3);
  // c-progress, c-report: a cost of a few percent, read from per-round ratios; each side of a round is
  // pairedMaps maps of c (~8 ms each here) back to back, so that one GC or wake-up does not decide a round.
  const pairedReps = q(100, 5);
  const pairedMaps = q(8, 2);
  const coldRuns = q(7, 2);
  const b = q(20_000, 2_000);
  const bPrime = q(2_000, 300);
  const c = 200_000;
  const dSize = q(2_000_000, 200_000);
  const dPrimeMs = q(100, 10);
  const eCount = q(64, 16);
  const gCount = q(30, 10);
  const workloads: Workload[] = [
    {
      id: 'a', kind: 'cold', title: 'a. cold start',
      params: { processes },
      metrics: [
        { key: 'wallMs', title: 'whole process, wall time from outside', unit: 'ms', better: 'lower', chart: 'a. cold start, whole process' },
        { key: 'firstResultMs', title: 'in process: constructing the pool → first result', unit: 'ms', better: 'lower', chart: 'a. pool → first result' },
        { key: 'shutdownMs', title: 'shutdown (close + join, or the peer’s equivalent)', unit: 'ms', better: 'lower', chart: 'a. shutdown' },
      ],
      what: `A fresh process creates a pool of ${processes}, runs one trivial task, shuts the pool down and exits; ` +
        `one warm-up process, then ${coldRuns} measured ones.`,
    },
    {
      id: 'b', kind: 'tasks', title: `b. ${fmtInt(b)} trivial tasks, all in flight`,
      params: { processes, reps, n: b },
      metrics: [{ key: 'samples', title: 'tasks per second', unit: 'tasks/s', better: 'higher', chart: 'b. tasks/s, all in flight' }],
      what: `x => x * x submitted one by one (applyAsync / apply_async / execute / exec / one message each), ` +
        `then every result awaited.`,
    },
    {
      id: 'b′', kind: 'roundtrip', title: 'b′. one task in flight at a time',
      params: { processes, reps, n: bPrime },
      metrics: [{ key: 'samples', title: 'round trip', unit: 'µs', better: 'lower', chart: 'b′. round trip, one in flight' }],
      what: `${fmtInt(bPrime)} calls of x => x * x, each awaited before the next (apply / execute / exec).`,
    },
    {
      id: 'c', kind: 'map', title: `c. map of ${fmtInt(c)} integers`,
      params: { processes, reps, n: c },
      metrics: [{ key: 'samples', title: 'items per second', unit: 'items/s', better: 'higher', chart: 'c. map, items/s' }],
      what: `map(x => x * x) with Python's default chunksize (${Math.ceil(c / (processes * 4))}); peers without ` +
        `map run one task per chunk of that size.`,
    },
    // Issue 18's budget for progress: what listening costs a map, and what a report from every item costs.
    {
      id: 'c-progress', kind: 'mapProgress', title: `c-progress. c with an onProgress listener`,
      params: { processes, reps: pairedReps, n: c, report: 0, maps: pairedMaps }, systems: ['multiproc'],
      metrics: [{ key: 'samples', title: 'items per second', unit: 'items/s', better: 'higher', chart: 'c-progress. map + onProgress, items/s' }],
      what: `c's map, given an onProgress that hears { done, total } as each chunk finishes; the tasks report nothing. ` +
        `Each round runs ${pairedMaps} such maps back to back and ${pairedMaps} plain maps on the same pool (first or ` +
        `second in turn); the goal reads the median of the per-round ratios. Goal: under 5% below the plain map.`,
    },
    {
      id: 'c-report', kind: 'mapProgress', title: `c-report. c with every item reporting its progress once`,
      params: { processes, reps: pairedReps, n: c, report: 1, maps: pairedMaps }, systems: ['multiproc'],
      metrics: [{ key: 'samples', title: 'items per second', unit: 'items/s', better: 'higher', chart: 'c-report. map, every item reports, items/s' }],
      what: `As c-progress, and every item calls currentTask().progress(x) once (coalesced in the worker to one ` +
        `message per 16 ms), paired with the plain map in the same way. Goal: under 20% below the plain map.`,
    },
    {
      id: 'd', kind: 'speedup', title: `d. the seed's practical: 8 × sum of i*i for i < ${fmtInt(dSize)}`,
      params: { processes, reps, count: 8, size: dSize },
      metrics: [{ key: 'samples', title: 'speedup, sequential ÷ parallel', unit: '×', better: 'higher', chart: 'd. speedup, the seed’s n' }],
      what: `Sequential in the parent, then map on a started pool (chunksize 1). In Node a task of this size ` +
        `takes a few ms, in CPython about 100 ms: d′ compares tasks of equal duration.`,
    },
    {
      id: 'd′', kind: 'speedup', title: `d′. the same with tasks of ~${dPrimeMs} ms each`,
      params: { processes, reps, count: 8, taskMs: dPrimeMs },
      metrics: [{ key: 'samples', title: 'speedup, sequential ÷ parallel', unit: '×', better: 'higher', chart: `d′. speedup, ~${dPrimeMs} ms tasks` }],
      what: `n calibrated in each system so that one task takes ~${dPrimeMs} ms there; the limit is ` +
        `${Math.min(processes, cpus)}.0× on ${Math.min(processes, cpus)} cores.`,
    },
    {
      id: 'e', kind: 'echo', title: `e. payload: ${eCount} × 1 MiB Uint8Array in, the same size back`,
      params: { processes, reps, count: eCount, bytes: 2 ** 20 },
      metrics: [{ key: 'samples', title: 'MiB echoed per second', unit: 'MiB/s', better: 'higher', chart: 'e. 1 MiB payloads, MiB/s' }],
      what: `map(echo) over ${eCount} payloads of 1 MiB (Python: bytes), default chunksize; MiB/s counts the ` +
        `payload once (${eCount} MiB went each way).`,
    },
    ...(['abort', 'timeout'] as const).map((how, timeout): Workload => ({
      id: timeout === 0 ? 'f' : 'f′', kind: 'free', systems: ['multiproc'],
      title: `${timeout === 0 ? 'f' : 'f′'}. ${how === 'abort' ? 'cancel' : 'timeout'} frees the worker (graceMs ${FREE_GRACE_MS})`,
      params: { processes: 1, reps, graceMs: FREE_GRACE_MS, timeout },
      metrics: [{ key: 'samples', title: `${how === 'abort' ? 'abort' : 'expiry'} → a fresh task has run on that slot`, unit: 'ms', better: 'lower',
        chart: `${timeout === 0 ? 'f' : 'f′'}. ${how} → fresh task` }],
      what: `A pool of 1 runs a task that ignores its signal; it is ${how === 'abort' ? 'aborted' : 'given timeoutMs 100'} ` +
        `with graceMs ${FREE_GRACE_MS}: its worker is stopped and replaced, and a fresh task runs. Aim: graceMs + 100 ms ` +
        `(${FREE_GRACE_MS + 100} ms). multiproc only (Python's Pool has neither).`,
    })),
    {
      id: 'g', kind: 'mixed', title: `g. mixed durations: ${gCount} tasks of ${MIXED.minMs}–${MIXED.maxMs} ms, chunksize 1`,
      params: { processes, reps, count: gCount, seed: MIXED.seed, minMs: MIXED.minMs, maxMs: MIXED.maxMs },
      // The floor hands each item to the first child free (floor.mjs, runGreedy): the reference for a pool whose parent
      // hands out every task. The pipe is e's limit only.
      systems: ['multiproc', 'cpython-fork', 'cpython-spawn', 'poolifier', 'workerpool', 'piscina', 'tinypool', 'floor'],
      metrics: [{ key: 'samples', title: 'makespan', unit: 'ms', better: 'lower', chart: 'g. mixed durations, makespan' }],
      what: `map(sleep) over ${gCount} durations drawn once from a fixed seed (${MIXED.seed}; the same list in every ` +
        `system, checked), chunksize 1. A task sleeps (it blocks its worker as time.sleep does) rather than ` +
        `spinning, so the figure is the pool's scheduling, not the CPU share the machine's other work leaves. ` +
        `"× ideal" divides by greedy list scheduling in submission order on ${processes} workers with no overhead ` +
        `(bench/lib/schedule.ts). Goal: ≤ 1.05× ideal and no longer than CPython fork.`,
    },
    ...memoryWorkloads(quick, processes, reps),
  ];
  return {
    quick,
    processes,
    reps,
    coldRuns,
    workloads,
    scale: Array.from({ length: Math.max(cpus, 1) }, (_, i) => i + 1),
    timeoutMs: q(120_000, 60_000),
  };
}

/** Workload g's durations: drawn from this seed, uniform in [minMs, maxMs] (bench/tasks/durations.mjs). */
export const MIXED = { seed: 20, minMs: 1, maxMs: 200 } as const;

/** The grace period of workloads f and f′. */
export const FREE_GRACE_MS = 200;

/** The systems drawn in the speedup curve. */
export const SCALE_SYSTEMS: readonly SystemId[] = ['multiproc', 'cpython-fork'];
/** The workloads drawn in the speedup curve. */
export const SCALE_WORKLOADS: readonly string[] = ['d', 'd′'];

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}
