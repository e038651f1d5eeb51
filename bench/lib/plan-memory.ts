/**
 * Issue 20's memory and scale workloads: one large payload (m), a long map (l), an endless imap consumed slowly
 * (i), and map/tasks throughput as the pool grows (s-p…) and as the input grows (s-n…). Their figures are shown
 * in report-memory.ts and report-scale.ts, not one table each (`ownSection`).
 */
import { fmtInt, SCALE_SYSTEMS, type Workload } from './plan.js';

/** Pool sizes of the oversubscription curve, on any machine. */
export const SCALE_POOLS = [1, 2, 4, 8] as const;

export function memoryWorkloads(quick: boolean, processes: number, reps: number): Workload[] {
  const q = <T>(full: T, short: T): T => (quick ? short : full);
  const mb = q(50, 16);
  const long = q(1_000_000, 100_000);
  const seconds = q(60, 5);
  // The systems of the speedup curve: multiproc and CPython fork, the pair every sweep compares.
  const ours = SCALE_SYSTEMS;
  const rate = (title: string, unit: string) => [{ key: 'samples', title, unit, better: 'higher' as const, chart: title }];
  return [
    {
      id: 'm', kind: 'bigPayload', title: `m. one ${mb} MiB buffer through map and back`, ownSection: true,
      params: { processes, mb }, systems: ['multiproc', 'cpython-fork', 'cpython-spawn', 'poolifier', 'workerpool'],
      metrics: [{ key: 'samples', title: "parent's peak RSS above its baseline ÷ payload", unit: '×', better: 'lower', chart: 'm. peak ÷ payload' }],
      what: `map(echo, [one ${mb} MiB Uint8Array / bytes], chunksize 1) once on a warm pool; the parent's peak RSS above ` +
        'its baseline (taken before the payload existed), in payloads. The argument and the result alone are 2×.',
    },
    {
      id: 'l', kind: 'mapLong', title: `l. map of ${fmtInt(long)} integers, once`, ownSection: true, systems: ours,
      params: { processes, n: long },
      metrics: [{ key: 'samples', title: "parent's peak RSS above its baseline", unit: 'MiB', better: 'lower', chart: 'l. long map, MiB' }],
      what: `map(square) over ${fmtInt(long)} integers once, default chunksize; the parent's peak RSS above its baseline ` +
        '(the input list and the results are part of it).',
    },
    {
      id: 'i', kind: 'imapEndless', title: `i. ${seconds} s of an endless imap, consumed slowly`, ownSection: true, systems: ours,
      params: { processes, seconds, sleepMs: 1, every: 100 },
      metrics: [{ key: 'samples', title: "growth of the parent's peak RSS over the second half", unit: 'MiB', better: 'lower', chart: 'i. endless imap, MiB' }],
      what: `imap(square, a generator that never ends, chunksize 1) for ${seconds} s, the consumer sleeping 1 ms every 100 ` +
        "items; the parent's peak RSS read at each tenth of the run. Bounded: it stops growing.",
    },
    ...SCALE_POOLS.flatMap((p): Workload[] => [
      {
        id: `s-p${p}-map`, kind: 'map', title: `map of 200,000 integers, pool of ${p}`, ownSection: true, systems: ours,
        params: { processes: p, reps, n: 200_000 }, metrics: rate('items per second', 'items/s'), what: '',
      },
      {
        id: `s-p${p}-tasks`, kind: 'tasks', title: `${fmtInt(q(20_000, 2_000))} tasks, pool of ${p}`, ownSection: true,
        systems: ours, params: { processes: p, reps, n: q(20_000, 2_000) }, metrics: rate('tasks per second', 'tasks/s'), what: '',
      },
    ]),
    ...SCALE_SIZES(quick).map((n): Workload => ({
      id: `s-n${n}`, kind: 'map', title: `map of ${fmtInt(n)} integers`, ownSection: true, systems: ours,
      // One measured run past a million items: the time is long enough to be steady, and a run is costly.
      params: { processes, reps: n >= 1_000_000 ? 1 : reps, n }, metrics: rate('items per second', 'items/s'), what: '',
    })),
  ];
}

/** Input sizes of the linearity check. */
export function SCALE_SIZES(quick: boolean): readonly number[] {
  return quick ? [10_000, 100_000, 1_000_000] : [10_000, 100_000, 1_000_000, 10_000_000];
}
