/**
 * Model-based: random mixes of apply, map and imap calls, some given a timeoutMs, some aborted (before the call
 * or while it runs), on one pool of two workers. Every call settles exactly once, with its results, AbortError
 * or TaskTimeoutError, and only with what its inputs allow (a task longer than its timeoutMs cannot succeed);
 * no task of an aborted or timed-out call is left running past its grace; the pool keeps its size; no child is
 * left once the pool is gone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc } from '@fast-check/ava';
import test, { type ExecutionContext } from 'ava';
import { Pool } from './implementation.js';
import { assertNoOrphans, descendantsOf, isLoaderHelper } from '../test-support/no-orphans.js';
import { properties, WARM_STEP_MS, within } from './harness.js';
import { napFor, pidOf } from './timeout-tasks.js';

const { property, writeRecord } = properties(import.meta, test);

const PROCESSES = 2;
const GRACE_MS = 150;
/** A task that ignores its signal and would run this long: only a stopped worker ends it in time. */
const LONG_MS = 8000;
/** How long after its call settled a task of an aborted or timed-out call may still run: grace, SIGTERM, slack. */
const GONE_WITHIN_MS = GRACE_MS + 4000;

interface Item { readonly ms: number; readonly heed: boolean }
interface Call {
  readonly method: 'apply' | 'map' | 'imap';
  readonly items: readonly Item[];
  readonly timeoutMs: number | undefined;
  /** undefined: never; 'before': the signal is aborted before the call; else ms after the call. */
  readonly abortAt: number | 'before' | undefined;
}

const item = (long: boolean) => fc.record({
  ms: long ? fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constant(LONG_MS)) : fc.integer({ min: 0, max: 120 }),
  heed: fc.boolean(),
});
const call: fc.Arbitrary<Call> = fc.record({
  method: fc.constantFrom('apply' as const, 'map' as const, 'imap' as const),
  timeoutMs: fc.option(fc.integer({ min: 40, max: 300 }), { nil: undefined }),
  abortAt: fc.option(fc.oneof(fc.constant('before' as const), fc.integer({ min: 0, max: 300 })), { nil: undefined }),
}).chain((c) => fc.array(item(c.timeoutMs !== undefined || c.abortAt !== undefined), { minLength: 1, maxLength: c.method === 'apply' ? 1 : 3 })
  .map((items) => ({ ...c, items })));

/** What one call gave: per position, a value or an error name (imap); or one outcome for the whole call. */
type Outcome = { readonly settled: number; readonly values?: unknown[]; readonly error?: string; readonly positions?: (number | string)[] };

let pool: Pool | undefined;
const getPool = () => (pool ??= new Pool({ processes: PROCESSES, cancelGraceMs: GRACE_MS }));
let nextId = 0;

async function run(p: Pool, c: Call, dir: string, ids: number[]): Promise<Outcome> {
  const controller = new AbortController();
  if (c.abortAt === 'before') controller.abort();
  else if (c.abortAt !== undefined) setTimeout(() => controller.abort(), c.abortAt);
  const options = { signal: controller.signal, ...(c.timeoutMs === undefined ? {} : { timeoutMs: c.timeoutMs }) };
  const args = c.items.map((it, i) => [dir, ids[i]!, it.ms, it.heed] as [string, number, number, boolean]);
  if (c.method === 'imap') {
    const positions: (number | string)[] = [];
    const iterator = p.imap(napFor, args, 1, options);
    for (let step = 0; step <= args.length + 2; step++) {
      try {
        const next = await within(iterator.next(), 'an imap step', WARM_STEP_MS + LONG_MS);
        if (next.done === true) return { settled: 1, positions };
        positions.push(next.value);
      } catch (error) {
        positions.push((error as Error).name);
      }
    }
    return { settled: 1, positions, error: 'the imap went on past its items' };
  }
  let settled = 0;
  let outcome: Outcome = { settled: 0 };
  await new Promise<void>((resolve) => {
    const callback = (values: unknown) => { settled++; outcome = { settled, values: c.method === 'apply' ? [values] : values as unknown[] }; resolve(); };
    const errorCallback = (error: unknown) => { settled++; outcome = { settled, error: (error as Error).name }; resolve(); };
    try {
      if (c.method === 'apply') p.applyAsync(napFor, [args[0]!] as never, { ...options, callback, errorCallback });
      else p.mapAsync(napFor, args, 1, { ...options, callback, errorCallback });
    } catch (error) {
      errorCallback(error as Error);
    }
  });
  // Anything delivered twice would arrive soon after the first.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { ...outcome, settled };
}

/** What the model allows for `c`'s outcome at one position (or for the whole call): its value, or these errors. */
function allowed(c: Call, it: Item | undefined): { value: boolean; errors: string[] } {
  const errors: string[] = [];
  if (c.abortAt !== undefined) errors.push('AbortError');
  if (c.timeoutMs !== undefined) errors.push('TaskTimeoutError');
  // Measured from an estimate of its start that is never later than the real one: it cannot finish in time.
  const tooLong = c.timeoutMs !== undefined && (it === undefined ? c.items.some((i) => i.ms > c.timeoutMs!) : it.ms > c.timeoutMs);
  return { value: c.abortAt !== 'before' && !tooLong, errors };
}

function check(t: ExecutionContext, c: Call, ids: number[], o: Outcome): void {
  t.is(o.settled, 1, `${c.method} settled ${o.settled} times`);
  if (c.method === 'imap') {
    if (c.abortAt !== undefined && o.positions!.includes('AbortError')) {
      // An aborted imap ends at its AbortError: what came before it follows the rules below.
      t.is(o.positions!.at(-1), 'AbortError', 'nothing after an imap\'s AbortError');
    } else {
      t.is(o.positions!.length, c.items.length, `imap gave ${JSON.stringify(o.positions)} for ${c.items.length} items`);
    }
    o.positions!.forEach((got, i) => {
      const rule = allowed(c, c.items[i]);
      if (got === 'AbortError') t.true(c.abortAt !== undefined, 'AbortError from an imap never aborted');
      else if (typeof got === 'number') t.true(rule.value && got === ids[i]! * 10, `imap position ${i}: ${got}`);
      else t.true(rule.errors.includes(got), `imap position ${i}: ${got}, allowed ${rule.errors.join(', ')}`);
    });
    return;
  }
  const rule = allowed(c, undefined);
  if (o.error !== undefined) t.true(rule.errors.includes(o.error), `${c.method} rejected with ${o.error}, allowed ${rule.errors.join(', ') || 'none'}`);
  else t.true(rule.value && JSON.stringify(o.values) === JSON.stringify(ids.map((id) => id * 10)), `${c.method} resolved ${JSON.stringify(o.values)}`);
}

/** Whether the task `id` wrote in `dir` is no longer running: it ended, or its worker is gone. */
function notRunning(dir: string, id: number): boolean {
  const path = join(dir, String(id));
  if (!existsSync(path) || existsSync(`${path}.end`)) return true;
  try {
    process.kill(Number(readFileSync(path, 'utf8')), 0);
    return false;
  } catch {
    return true;
  }
}

async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; !check(); await new Promise((resolve) => setTimeout(resolve, 25))) {
    if (Date.now() > deadline) return false;
  }
  return true;
}

property('calls with random timeouts and aborts each settle once, as the model allows; no cancelled task runs on; the pool keeps its size',
  [fc.array(call, { minLength: 1, maxLength: 3 })], async (t, calls) => {
    const p = getPool();
    const dir = mkdtempSync(join(tmpdir(), 'multiproc-timeout-prop-'));
    try {
      const ids = calls.map((c) => c.items.map(() => nextId++));
      const outcomes = await within(Promise.all(calls.map((c, i) => run(p, c, dir, ids[i]!))), 'every call', WARM_STEP_MS + 2 * LONG_MS);
      calls.forEach((c, i) => check(t, c, ids[i]!, outcomes[i]!));
      // A task of a call that was aborted or timed out is done, or its worker gone, soon after the call settled.
      const stopped = calls.flatMap((c, i) => (c.abortAt !== undefined || c.timeoutMs !== undefined ? ids[i]! : []));
      t.true(await eventually(() => stopped.every((id) => notRunning(dir, id)), GONE_WITHIN_MS),
        `tasks still running ${GONE_WITHIN_MS} ms after their call ended: ${stopped.filter((id) => !notRunning(dir, id)).join(', ')}`);
      // The pool at its size: as many workers answer as it has, and they are the only processes it keeps.
      const pids = new Set<number>();
      // A replaced worker takes a while to start under tsx: ask until both answered, within a bound.
      for (const deadline = Date.now() + WARM_STEP_MS; pids.size < PROCESSES && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        for (const pid of await within(p.map(pidOf, new Array<number>(PROCESSES * 2).fill(0), 1), 'worker pids', WARM_STEP_MS)) pids.add(pid);
      }
      t.is(pids.size, PROCESSES, 'workers that answer');
      const live = () => descendantsOf().filter((pid) => !isLoaderHelper(pid));
      t.true(await eventually(() => live().length === PROCESSES && live().every((pid) => pids.has(pid)), GONE_WITHIN_MS),
        `live processes ${live().join(', ')}, workers that answer ${[...pids].join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, { runs: 12, serial: true, generators: ['1..3 calls: apply/map/imap, 1..3 items of 0..120 ms (or 8 s, ignoring or heeding the signal), timeoutMs 40..300 or none, abort before, 0..300 ms after, or never'] });

test.after.always('terminate the pool', async () => {
  if (pool === undefined) return;
  pool.terminate();
  await within(pool.join(), 'join() after terminate()', 15_000);
});
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
