/**
 * The measuring side shared by every Node system: runs one workload against a system's adapter and prints one
 * JSON line on stdout. Started by bench/run.ts as `node bench/systems/<system>.mjs <workload> '<params>'`, in a
 * fresh process with NODE_EXTRA_CA_CERTS unset, so systems never share a process or a warm JIT.
 *
 * An adapter is { start(processes, workload), apply(pool, fn, arg), applyMany(pool, fn, args), map(pool, fn,
 * items), stop(pool) }, with `fn` the name of a task in bench/tasks/work.mjs. Every result is checked: a system
 * that answers wrongly fails the run instead of scoring.
 */
import { performance } from 'node:perf_hooks';
import { mixedDurations } from '../tasks/durations.mjs';
import { square, sumSquares } from '../tasks/work.mjs';
import { check } from './check.mjs';
import { peakMemory } from './memory.mjs';
import { MEMORY_WORKLOADS } from './memory-workloads.mjs';

/** Runs the workload named on the command line and prints its result. */
export async function runSystem(adapter) {
  const [workload, json = '{}'] = process.argv.slice(2);
  const params = JSON.parse(json);
  const run = WORKLOADS[workload];
  if (run === undefined) throw new Error(`unknown workload "${workload}"; one of ${Object.keys(WORKLOADS).join(', ')}`);
  const result = await run(adapter, params);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const WORKLOADS = {
  ...MEMORY_WORKLOADS,
  /** a. From constructing the pool to the first result, then shutdown; the runner times the whole process. */
  async cold(adapter, { processes }) {
    const bootMs = performance.now(); // Node's start-up and this module's imports, before any pool exists
    const t0 = performance.now();
    const pool = await adapter.start(processes, 'cold');
    const value = await adapter.apply(pool, 'square', 7);
    const t1 = performance.now();
    check(value === 49, `square(7) gave ${value}`);
    await adapter.stop(pool);
    const t2 = performance.now();
    return { bootMs, firstResultMs: t1 - t0, shutdownMs: t2 - t1 };
  },

  /** b. n trivial tasks submitted one by one, all in flight. */
  async tasks(adapter, { processes, reps, n }) {
    const args = Array.from({ length: n }, (_, i) => i);
    const expected = args.reduce((sum, x) => sum + x * x, 0);
    return withPool(adapter, processes, 'tasks', reps, async (pool) => {
      const t0 = performance.now();
      const values = await adapter.applyMany(pool, 'square', args);
      const ms = performance.now() - t0;
      check(values.length === n && sum(values) === expected, 'the results of the trivial tasks are wrong');
      return n / (ms / 1000);
    });
  },

  /** b′. The same task, one in flight at a time: the round trip. */
  async roundtrip(adapter, { processes, reps, n }) {
    return withPool(adapter, processes, 'roundtrip', reps, async (pool) => {
      let total = 0;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) total += await adapter.apply(pool, 'square', i);
      const ms = performance.now() - t0;
      check(total === (n - 1) * n * (2 * n - 1) / 6, 'the round-trip results are wrong');
      return (ms * 1000) / n;
    });
  },

  /** c. map over n integers with the default chunksize. */
  async map(adapter, { processes, reps, n }) {
    const items = Array.from({ length: n }, (_, i) => i);
    return withPool(adapter, processes, 'map', reps, async (pool) => {
      const t0 = performance.now();
      const values = await adapter.map(pool, 'square', items);
      const ms = performance.now() - t0;
      check(values.length === n && values[n - 1] === square(n - 1) && values[1234 % n] === square(1234 % n),
        'the map results are wrong or out of order');
      return n / (ms / 1000);
    });
  },

  /**
   * c-progress, c-report (multiproc only): c's map with a progress listener; with `report`, every item reports
   * once from inside its task. The listener only counts, and the last update must say every item is done.
   * Each repetition also runs the plain map on the same pool, first or second in turn, so the cost is a paired
   * ratio (extra.kept: progress ÷ plain per round): c itself runs minutes apart in another process, and that
   * difference alone moved the figure by 20% between runs.
   */
  async mapProgress(adapter, { processes, reps, n, report, maps = 1 }) {
    if (adapter.mapWithProgress === undefined) throw new Error('this system has no progress listener');
    const items = Array.from({ length: n }, (_, i) => i);
    const kept = [];
    let round = 0;
    // Each side of a round is `maps` maps back to back: one map of c is ~8 ms here, and a single pair's ratio
    // spread 0.23–2.6× (a GC or a wake-up lands in one map or the other), which moved the median across the goal.
    const result = await withPool(adapter, processes, 'mapProgress', reps, async (pool) => {
      let last;
      const onProgress = (update) => void (last = update);
      /** Items/s of `maps` runs of `one` back to back. */
      const itemsPerSecond = async (one) => {
        const t0 = performance.now();
        for (let m = 0; m < maps; m++) await one();
        return (n * maps) / ((performance.now() - t0) / 1000);
      };
      const listened = () => itemsPerSecond(async () => {
        last = undefined;
        const values = await adapter.mapWithProgress(pool, report ? 'squareReporting' : 'square', items, onProgress);
        check(values.length === n && values[n - 1] === square(n - 1), 'the map results are wrong or out of order');
        check(last?.done === n && last?.total === n, `the last progress update was ${JSON.stringify(last)}, not { done: ${n}, total: ${n} }`);
      });
      const plain = () => itemsPerSecond(async () => {
        const values = await adapter.map(pool, 'square', items);
        check(values.length === n && values[n - 1] === square(n - 1), 'the plain map results are wrong or out of order');
      });
      // The warm-up round (the first) is not kept.
      const first = round++;
      const plainFirst = first % 2 === 0;
      const plainRate = plainFirst ? await plain() : undefined;
      const rate = await listened();
      const plainAfter = plainRate ?? await plain();
      if (first > 0) kept.push(rate / plainAfter);
      return rate;
    });
    return { ...result, extra: { kept } };
  },

  /**
   * d, d′. `count` tasks of sumSquares(size), in the parent one after the other, then with the pool's map.
   * With `taskMs`, size is first calibrated so that one task takes about that long here. The sequential runs
   * (a warm-up and `reps`) come first, before the pool exists, so no pool, worker or channel shares the
   * baseline's process (issue 20: a baseline slowed by a live pool gave speedups above the core count).
   */
  async speedup(adapter, { processes, reps, count, size, taskMs }) {
    const n = taskMs === undefined ? size : calibrate(taskMs);
    const workload = new Array(count).fill(n);
    const expected = sumSquares(n);
    const seqMs = [];
    for (let r = 0; r <= reps; r++) {
      const t0 = performance.now();
      const sequential = workload.map(sumSquares);
      seqMs.push(performance.now() - t0);
      check(sequential.every((v) => v === expected), 'the sequential results are wrong');
    }
    const parMs = [];
    const result = await withPool(adapter, processes, 'speedup', reps, async (pool) => {
      const t0 = performance.now();
      const parallel = await adapter.map(pool, 'sumSquares', workload);
      const par = performance.now() - t0;
      check(parallel.length === count && parallel.every((v) => v === expected), 'parallel results differ from sequential ones');
      parMs.push(par);
      return seqMs[parMs.length - 1] / par;
    });
    // Drop the warm-ups' timings, as withPool drops its sample.
    return { ...result, extra: { n, seqMs: seqMs.slice(1), parMs: parMs.slice(1) } };
  },

  /**
   * f, f′ (systems with cancellation and task timeouts): on a pool of `processes` (1: one slot), a task that
   * ignores its signal is aborted (`timeout` 0) or runs past its timeoutMs (`timeout` 1); the figure is the
   * time from the abort, or from the expiry, until a fresh task has run on that slot, with `graceMs` of grace.
   */
  async free(adapter, { processes, reps, graceMs, timeout }) {
    if (adapter.freeSlot === undefined) throw new Error('this system has no cancellation or task timeout');
    let last;
    return withPool(adapter, processes, 'free', reps, async (pool) => {
      const { ms, pid } = await adapter.freeSlot(pool, timeout === 1 ? 'timeout' : 'abort', graceMs);
      check(pid !== last, 'the fresh task ran on the worker that kept the stubborn task');
      last = pid;
      return ms;
    });
  },

  /**
   * g. Mixed durations: `count` sleeps drawn from `seed`, one item per task (multiproc's map with chunksize 1;
   * peers without map submit each item as a task, which is the same). The figure is the makespan; the list run is
   * returned so the report can check every system ran the same and compute the ideal schedule.
   */
  async mixed(adapter, { processes, reps, count, seed, minMs, maxMs }) {
    const durations = mixedDurations(count, seed, minMs, maxMs);
    const result = await withPool(adapter, processes, 'mixed', reps, async (pool) => {
      const t0 = performance.now();
      const back = await (adapter.mapEach ?? adapter.applyMany)(pool, 'sleepFor', durations);
      const ms = performance.now() - t0;
      check(back.length === count && back.every((d, i) => d === durations[i]), 'the mixed-duration results are wrong or out of order');
      return ms;
    });
    return { ...result, extra: { durations } };
  },

  /** e. `count` payloads of `bytes` each, in and back. */
  async echo(adapter, { processes, reps, count, bytes }) {
    const payloads = Array.from({ length: count }, (_, k) => {
      const b = new Uint8Array(bytes);
      for (let i = 0; i < bytes; i += 4096) b[i] = (i / 4096 + k) & 0xff;
      return b;
    });
    const mib = (count * bytes) / 2 ** 20;
    return withPool(adapter, processes, 'echo', reps, async (pool) => {
      const t0 = performance.now();
      const back = await adapter.map(pool, 'echo', payloads);
      const ms = performance.now() - t0;
      check(back.length === count && back.every((b, k) => b instanceof Uint8Array && b.length === bytes &&
        b[4096] === payloads[k][4096] && b[bytes - 4096] === payloads[k][bytes - 4096]),
      'the echoed payloads differ from those sent');
      return mib / (ms / 1000);
    });
  },
};

/** A started pool, one warm-up run (its sample dropped), `reps` measured runs, then a clean shutdown. */
async function withPool(adapter, processes, workload, reps, once) {
  const pool = await adapter.start(processes, workload);
  try {
    await once(pool); // warm-up: workers started, code compiled, caches filled
    const samples = [];
    for (let r = 0; r < reps; r++) samples.push(await once(pool));
    // While the workers still live (memory.mjs).
    return { samples, memory: peakMemory() };
  } finally {
    await adapter.stop(pool);
  }
}

/** The n for which one sumSquares(n) takes about `ms` in this process (best of three, against noise). */
function calibrate(ms) {
  let n = 1_000_000;
  sumSquares(n); // compile first
  let took = timed(n);
  while (took < ms / 4) {
    n *= 4;
    took = timed(n);
  }
  n = Math.round((n * ms) / took);
  took = Math.min(timed(n), timed(n), timed(n));
  return Math.round((n * ms) / took);
}

function timed(n) {
  const t0 = performance.now();
  sumSquares(n);
  return performance.now() - t0;
}

function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Python's default chunksize, for systems that have no map of their own. @python Pool._map_async */
export function defaultChunksize(length, processes) {
  if (length === 0) return 0;
  return Math.ceil(length / (processes * 4));
}

/** map for systems without one: one `mapChunk` task per chunk of Python's default chunksize, in order. */
export async function mapByChunks(processes, items, fn, run) {
  const size = defaultChunksize(items.length, processes);
  const pending = [];
  for (let start = 0; start < items.length; start += size) {
    pending.push(run({ fn, items: items.slice(start, start + size) }));
  }
  return (await Promise.all(pending)).flat();
}
