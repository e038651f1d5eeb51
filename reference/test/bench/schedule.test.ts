/** Workload g's ideal schedule (bench/lib/schedule.ts) and the speedup check (bench/lib/speedup-check.ts). */
import test from 'ava';
import { makePlan } from '../../../bench/lib/plan.js';
import type { Cell, Results } from '../../../bench/lib/results.js';
import { differentLists, idealMakespan } from '../../../bench/lib/schedule.js';
import { speedupNotes, speedupsAboveLimit } from '../../../bench/lib/speedup-check.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { durations } from './bench-helpers.js';

assertNoOrphans(test);

test('idealMakespan is list scheduling in submission order, not LPT', (t) => {
  t.is(idealMakespan([], 2), 0);
  t.is(idealMakespan([5], 3), 5);
  t.is(idealMakespan([1000, 100, 1000, 100], 2), 1100, "issue 20's example: the slow two on different workers");
  // In order: 1→w0, 1→w1, 4→w0: 5. LPT (longest first) would give 4 (4 | 1+1): no map may reorder its items.
  t.is(idealMakespan([1, 1, 4], 2), 5);
  t.is(idealMakespan([10, 20, 30], 1), 60);
  t.throws(() => idealMakespan([1], 0), { instanceOf: RangeError, message: /workers must be a positive integer, got 0/ });
});

test('the durations are whole ms in range, fixed by the seed, and differ by seed', async (t) => {
  const a = await durations(200, 20, 1, 200);
  t.deepEqual(a, await durations(200, 20, 1, 200));
  t.true(a.every((d) => Number.isInteger(d) && d >= 1 && d <= 200));
  t.true(new Set(a).size > 100, 'spread over the range');
  t.notDeepEqual(await durations(10, 21, 1, 200), await durations(10, 20, 1, 200));
  t.deepEqual(await durations(3, 20, 1, 200), [21, 34, 157], 'the list CPython draws too (bench/systems/cpython.py)');
});

const ok = (median: number, extra?: Record<string, unknown>): Cell =>
  ({ ok: true, summary: { median, min: median, max: median, n: 1 }, samples: [median], ...(extra ? { extra } : {}) });

test('differentLists names a system that ran another list than multiproc', (t) => {
  const table = { g: { samples: { multiproc: ok(1, { durations: [1, 2] }), piscina: ok(1, { durations: [1, 2] }),
    tinypool: ok(1, { durations: [2, 1] }), 'cpython-fork': ok(1, { durations: [1] }) } } };
  t.deepEqual(differentLists(table).sort(), ['cpython-fork', 'tinypool']);
});

function results(cpus: number, d: Record<string, Cell>, scale: Results['scale'] = {}): Results {
  return {
    plan: makePlan(true, 2, cpus), systems: Object.keys(d) as Results['systems'], table: { d: { samples: d } }, scale,
    env: { date: '2026-12-07T16:00:00Z', os: 'Linux', cpu: 'test CPU', cpus, memoryGiB: 4, node: 'v20', python: '3.12',
      pythonPath: undefined, versions: {}, commit: 'abc', loadBefore: [3, 3, 3] },
    seconds: 1, loadAfter: [1, 1, 1],
  };
}

test('a speedup above min(processes, cores) is named with why it is not a claim; none above says so', (t) => {
  const within = results(2, { multiproc: ok(1.95), 'cpython-fork': ok(2.01) });
  t.deepEqual(speedupsAboveLimit(within, 'd'), [], '2.01 on 2 cores is within 1% of the limit');
  t.regex(speedupNotes(within, 'd')[0]!, /^Every speedup here is within min\(processes, 2 cores\)/);
  const above = results(2, { multiproc: ok(1.9), 'cpython-fork': ok(2.3) }, { multiproc: { d: { 1: ok(1.2) } } });
  t.deepEqual(speedupsAboveLimit(above, 'd'), [['cpython-fork', 2, 2.3, 2], ['multiproc', 1, 1.2, 1]]);
  t.regex(speedupNotes(above, 'd')[0]!, /Speedups above the core count.*cpython-fork with 2 processes: 2\.30× > 2.*load average 3\.0/);
  t.deepEqual(speedupNotes(above, 'c'), [], 'not a speedup workload');
});
