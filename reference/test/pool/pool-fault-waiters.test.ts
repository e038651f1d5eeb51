/**
 * Many callers waiting on AsyncResults at once with random timeouts (issue 14, Pool faults): every wait settles
 * once, a timed-out wait leaves its task running to its value, and no rejection goes unhandled.
 */
import test from 'ava';
import { Pool, TimeoutError } from '../../src/index.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { valueAfter } from './fixtures/pool-tasks.js';
import { faultSeed, seededRandom } from './fault-helpers.js';
import { cleanUp, RUN_MS, sleep, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

interface Wait {
  readonly caller: number;
  readonly timeoutMs: number | undefined;
  settled: number;
  outcome?: { value: number } | { error: unknown; afterMs: number };
}

test.serial('fault: concurrent applyAsync callers with random get(timeoutMs): every wait settles once, timed-out tasks still deliver, no unhandled rejection', async (t) => {
  const callers = bySoak(200, 2000);
  const seed = faultSeed();
  const next = seededRandom(seed);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => process.off('unhandledRejection', onUnhandled));
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  await workerPids(pool);

  // Each caller submits one task of 0–10 ms and waits on it one to three times at once: polls (0), waits shorter
  // and longer than the queue ahead of it, and waits without a limit.
  const expectedRunMs = (callers * 5) / 2;
  const callbacks = new Uint32Array(callers);
  const results = Array.from({ length: callers }, (_, i) =>
    pool.applyAsync(valueAfter, [[i, Math.floor(next() * 11)]], { callback: () => callbacks[i]!++ }));
  const waits: Wait[] = [];
  const settling: Promise<void>[] = [];
  for (const [caller, result] of results.entries()) {
    for (let k = 1 + Math.floor(next() * 3); k > 0; k--) {
      const r = next();
      const timeoutMs = r < 0.1 ? 0 : r < 0.2 ? undefined : Math.floor(next() * 2 * expectedRunMs);
      const wait: Wait = { caller, timeoutMs, settled: 0 };
      waits.push(wait);
      const started = performance.now();
      settling.push(result.get(timeoutMs).then(
        (value) => {
          wait.settled++;
          wait.outcome = { value };
        },
        (error: unknown) => {
          wait.settled++;
          wait.outcome = { error, afterMs: performance.now() - started };
        },
      ));
    }
  }
  const started = performance.now();
  await within(Promise.all(settling), RUN_MS, `${waits.length} waits to settle`);
  const settleMs = performance.now() - started;
  await sleep(50); // a second settlement, or an unhandled rejection, would show within a few turns

  let timedOut = 0;
  for (const wait of waits) {
    t.is(wait.settled, 1, `wait of caller ${wait.caller} settled once`);
    const outcome = wait.outcome!;
    if ('value' in outcome) {
      t.is(outcome.value, wait.caller);
      continue;
    }
    timedOut++;
    t.true(outcome.error instanceof TimeoutError, `caller ${wait.caller}: ${String(outcome.error)}`);
    t.not(wait.timeoutMs, undefined, 'a wait without limit does not time out');
    // Timers may fire a little early by the clock read here, never much.
    t.true(outcome.afterMs >= (wait.timeoutMs ?? 0) - 2, `timed out after ${outcome.afterMs} ms of ${wait.timeoutMs}`);
  }
  // A wait that timed out leaves its task running: every task delivers its value, and its callback once.
  t.deepEqual(await within(Promise.all(results.map((r) => r.get())), RUN_MS, 'every task'), results.map((_, i) => i));
  await sleep(20);
  t.deepEqual([...callbacks].filter((n) => n !== 1), [], 'each callback called once');
  t.deepEqual(unhandled, [], 'no unhandled rejection');
  report(t, {
    section: 'fault',
    tried: `${callers} applyAsync callers at once, each waiting 1–3 times with random get(timeoutMs) (seed ${seed})`,
    outcome: 'every wait settled exactly once (its value or TimeoutError, never before its timeout); every timed-out task still delivered; no unhandled rejection',
    figures: { callers, waits: waits.length, 'timed out': timedOut, 'got the value': waits.length - timedOut, 'all settled (ms)': Math.round(settleMs) },
  });
});
