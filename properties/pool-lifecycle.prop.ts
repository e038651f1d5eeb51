/**
 * Model-based: random sequences of map/apply/applyAsync/close/terminate/join on a reference Pool give the
 * errors and states of Python's Pool state machine (lifecycle-model.ts). The same model runs on CPython in
 * cpython-crosscheck.prop.ts, which checks the model itself.
 */
import { fc } from '@fast-check/ava';
import test from 'ava';
import { Pool } from './implementation.js';
import { assertNoOrphans } from '../test-support/no-orphans.js';
import { properties, within } from './harness.js';
import { LIFECYCLE_GENERATOR, lifecycleCommands, type LifecyclePool, runLifecycle } from './lifecycle-model.js';
import { square } from './tasks.js';

const { property, writeRecord } = properties(import.meta, test);
const created = new Set<Pool>();

/** The reference Pool behind the commands' interface; a submission refused at call time becomes a rejection. */
function referencePool(pool: Pool): LifecyclePool {
  return {
    map: (xs) => pool.map(square, xs),
    // async: apply() refused after close()/terminate() throws synchronously (the known failure below); the
    // model checks that it fails, and how.
    apply: async (x) => pool.apply(square, [x]),
    applyAsync: async (x) => {
      const result = pool.applyAsync(square, [x]);
      return { get: (ms) => result.get(ms), ready: async () => result.ready() };
    },
    close: async () => pool.close(),
    terminate: async () => pool.terminate(),
    join: () => pool.join(),
    state: () => String(pool),
    terminateSettles: true,
  };
}

property('Pool life cycle follows Python’s state machine (RUN → CLOSE/TERMINATE, join only after them)', [fc.integer({ min: 1, max: 2 }), lifecycleCommands], async (t, processes, commands) => {
  const pool = new Pool({ processes });
  created.add(pool);
  try {
    await runLifecycle(t, referencePool(pool), commands);
  } finally {
    pool.terminate();
    await within(pool.join(), 'join() after the final terminate()');
    created.delete(pool);
  }
}, { runs: 4, generators: ['processes 1..2', LIFECYCLE_GENERATOR] });

/** One pool closed and one terminated, made once for the property below. */
const stopped = new Map<'close' | 'terminate', Pool>();
function stoppedPool(how: 'close' | 'terminate'): Pool {
  let pool = stopped.get(how);
  if (pool === undefined) {
    pool = new Pool({ processes: 1 });
    created.add(pool);
    if (how === 'close') pool.close();
    else pool.terminate();
    stopped.set(how, pool);
  }
  return pool;
}

const METHODS = {
  map: (pool: Pool, x: number) => pool.map(square, [x]),
  starmap: (pool: Pool, x: number) => pool.starmap(square, [[x]]),
  apply: (pool: Pool, x: number) => pool.apply(square, [x]),
} as const;

property('a promise-returning submission refused after close()/terminate() rejects, never throws', [fc.constantFrom('close' as const, 'terminate' as const), fc.constantFrom(...(Object.keys(METHODS) as (keyof typeof METHODS)[])), fc.integer()], async (t, how, method, x) => {
  let promise: Promise<unknown>;
  try {
    promise = METHODS[method](stoppedPool(how), x);
  } catch (error) {
    return t.fail(`${method}() after ${how}() threw synchronously instead of rejecting: ${String(error)}`);
  }
  await t.throwsAsync(promise, { message: /Pool not running/ });
}, {
  runs: 10,
  generators: ['close or terminate', 'map, starmap or apply', 'integer'],
  examples: [['terminate', 'apply', 3]],
});

test.after.always('terminate pools left by a failed run', async () => {
  for (const pool of created) pool.terminate();
  await Promise.all([...created].map((pool) => within(pool.join(), 'join() after terminate()', 10_000)));
});
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
