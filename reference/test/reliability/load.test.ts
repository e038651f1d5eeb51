/**
 * Load held (issue 14): long runs keep memory bounded (the start/stop cycles are in load-cycles.test.ts, a file of
 * their own so that they run beside these). Short forms run in `npm test`; `npm run soak` runs the issue's
 * sizes. Figures go to the report; the assertions are bounds far from the measured figures, to catch a leak,
 * not to time anything.
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { square, identity } from '../pool/fixtures/pool-tasks.js';
import { descendantsOf, assertNoOrphans } from '../../../test-support/no-orphans.js';
import { bySoak, peakResidentMiB, report, residentMiB } from '../../../test-support/reliability.js';
import { cleanUp, RUN_MS, sleep, within } from '../pool/helpers.js';

assertNoOrphans(test);

const mib = (value: number | undefined) => (value === undefined ? 'gone' : value.toFixed(1));

/** Workers' resident memory now, by pid (the children of this test process). */
function workerMemory(): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const pid of descendantsOf()) {
    const size = residentMiB(pid);
    if (size !== undefined) sizes.set(pid, size);
  }
  return sizes;
}

test.serial('load: a 1,000,000-item map keeps the parent and its workers within bounded memory', async (t) => {
  const items = bySoak(100_000, 1_000_000);
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  await within(pool.map(square, [1, 2, 3]), RUN_MS, 'warm-up map');
  const before = residentMiB()!;
  const input = Array.from({ length: items }, (_, i) => i % 1000);
  // Objects, not numbers: numbers cross packed, which would spare the path most users take.
  const results = await within(pool.map(identity, input.map((value) => ({ value }))), RUN_MS * 3, `map of ${items} objects`);
  t.is(results.length, items);
  t.true(results.every((result, i) => (result as { value: number }).value === i % 1000), 'every result in its place');
  const squares = await within(pool.map(square, input), RUN_MS * 3, `map of ${items} numbers`);
  t.is(squares[items - 1], ((items - 1) % 1000) ** 2);
  const parentPeak = peakResidentMiB()!;
  const workers = [...descendantsOf()].map((pid) => peakResidentMiB(pid)).filter((size): size is number => size !== undefined);
  const workerPeak = Math.max(...workers);
  // What a map of n objects must hold in the parent at once: input, results and their copies in messages —
  // a few hundred bytes an item. 1 KiB an item plus a base is far above that and far below a leak per item.
  const parentBound = before + 200 + items / 1024;
  const workerBound = 200 + items / 4096;
  report(t, {
    section: 'load',
    tried: `map of ${items.toLocaleString('en')} objects, then of ${items.toLocaleString('en')} numbers, on 2 workers`,
    outcome: 'every result in its place',
    figures: {
      'parent RSS before (MiB)': mib(before),
      'parent peak RSS (MiB)': mib(parentPeak),
      'parent bound (MiB)': mib(parentBound),
      'worker peak RSS (MiB)': mib(workerPeak),
      'worker bound (MiB)': mib(workerBound),
    },
  });
  t.true(parentPeak <= parentBound, `parent peak ${mib(parentPeak)} MiB within ${mib(parentBound)} MiB`);
  t.true(workerPeak <= workerBound, `worker peak ${mib(workerPeak)} MiB within ${mib(workerBound)} MiB`);
});

test.serial('load: an endless imap consumed slowly keeps the parent and its workers within bounded memory', async (t) => {
  const durationMs = bySoak(3_000, 60_000);
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  let produced = 0;
  function* endless(): Generator<number> {
    for (;;) yield produced++;
  }
  const samples: { at: number; parent: number; workers: number }[] = [];
  const sample = (at: number) => {
    const workers = [...workerMemory().values()];
    samples.push({ at, parent: residentMiB()!, workers: Math.max(0, ...workers) });
  };
  const started = performance.now();
  let consumed = 0;
  let nextSample = 0;
  for await (const value of pool.imap(square, endless(), 4)) {
    if (value !== consumed * consumed) return t.fail(`result ${consumed} was ${value}`);
    consumed++;
    const elapsed = performance.now() - started;
    if (elapsed >= nextSample) {
      sample(elapsed);
      nextSample += durationMs / 20;
    }
    if (elapsed >= durationMs) break;
    // A slow consumer: the pool must wait for it, not read the endless input ahead.
    if (consumed % 50 === 0) await sleep(5);
  }
  sample(performance.now() - started);
  // Past the first fifth, memory may wobble with the garbage collector but not grow with the items.
  const settled = samples.filter((s) => s.at >= durationMs / 5);
  const baseline = settled[0]!;
  const parentPeak = Math.max(...settled.map((s) => s.parent));
  const workerPeak = Math.max(...settled.map((s) => s.workers));
  report(t, {
    section: 'load',
    tried: `endless imap(square, chunksize 4) consumed slowly for ${durationMs / 1000} s on 2 workers`,
    outcome: `${consumed.toLocaleString('en')} results in order; ${(produced - consumed).toLocaleString('en')} items read ahead at the end`,
    figures: {
      'parent RSS after warm-up (MiB)': mib(baseline.parent),
      'parent peak RSS (MiB)': mib(parentPeak),
      'worker RSS after warm-up (MiB)': mib(baseline.workers),
      'worker peak RSS (MiB)': mib(workerPeak),
    },
  });
  t.true(produced - consumed <= 2 * 4 * 4 + 4, `read ahead ${produced - consumed} items (the look-ahead is 4 chunks a worker)`);
  t.true(parentPeak <= baseline.parent + 64, `parent grew from ${mib(baseline.parent)} to ${mib(parentPeak)} MiB`);
  t.true(workerPeak <= baseline.workers + 64, `workers grew from ${mib(baseline.workers)} to ${mib(workerPeak)} MiB`);
});

