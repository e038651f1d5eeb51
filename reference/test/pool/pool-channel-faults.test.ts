/**
 * Nothing a worker sends can crash the parent, and nothing the parent sends can kill a worker (issue 14,
 * defects 15 and 16); a worker that cannot start is named for what it is.
 */
import test from 'ava';
import { InitializerError, Pool, SerializationError, WorkerCrashedError } from '../../src/index.js';
import { identity, selfCaused, square } from '../fixtures/channel-tasks.js';
import { errorOf, runChannelScript } from '../fixtures/run-channel-script.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { assertNoOrphans, descendantsOf } from '../../../test-support/no-orphans.js';
import { cleanUp, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

const UNREADABLE = /Unable to deserialize cloned data \(it holds an Error that is its own cause/;

test('defect 15: a result or a thrown error holding an Error that is its own cause fails only its task; the parent lives', async (t) => {
  const { outcomes, alive } = await runChannelScript(t, 'pool-results');
  t.true(alive);
  const returned = errorOf(outcomes['returned']);
  t.is(returned.name, 'SerializationError');
  t.regex(returned.message, /^the result of item 0 of job \d+ cannot be sent back to the parent: /);
  t.regex(returned.message, UNREADABLE);
  for (const where of ['in a Map', 'in a Set', 'deep in arrays', 'beside a cycle']) {
    const hidden = errorOf(outcomes[`returned ${where}`]);
    t.is(hidden.name, 'SerializationError', where);
    t.regex(hidden.message, UNREADABLE, where);
  }
  const mapped = errorOf(outcomes['mapped']);
  t.is(mapped.name, 'SerializationError');
  t.regex(mapped.message, /^the result of item 2 of job \d+ cannot be sent back to the parent: /);
  t.is(errorOf(outcomes['thrown holding it in a property']).message, 'holds a self-caused error in its property');
  t.is(errorOf(outcomes['thrown holding it as cause']).message, 'holds a self-caused error in its cause');
  t.is(errorOf(outcomes['thrown itself']).message, 'I am my own cause');
  t.deepEqual(outcomes['after'], { ok: [1, 4, 9] });
  report(t, {
    section: 'defect', defect: 15,
    tried: 'pool tasks return, or throw holding (property, cause, itself), an Error that is its own cause',
    outcome: `the parent lives; a result fails its own task with SerializationError ("${mapped.message.slice(0, 80)}…"); a thrown one arrives with its chain cut; the pool serves on`,
    figures: { steps: Object.keys(outcomes).length },
  });
});

test('defect 16: an argument V8 cannot read back fails only its own task, naming it; the pool stays usable', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  // Sent at once, before any worker is ready: once this killed both, and the pool stopped with InitializerError.
  const first = pool.applyAsync(identity, [selfCaused()]);
  const before = pool.applyAsync(square, [3]);
  const error = await t.throwsAsync(within(first.get(), RUN_MS, 'get() of the bad task'), { instanceOf: SerializationError });
  t.regex(error!.message, /^item 0 of job \d+ cannot be sent to a pool worker: /);
  t.regex(error!.message, UNREADABLE);
  t.is(await within(before.get(), RUN_MS, 'the task beside it'), 9);
  const rounds = bySoak(3, 30);
  for (let round = 0; round < rounds; round++) {
    const items: unknown[] = [1, 2, 3, 4, 5, 6];
    items[round % 6] = { detail: selfCaused() };
    const mapped = await t.throwsAsync(within(pool.map(identity, items, 2), RUN_MS, 'map'), { instanceOf: SerializationError });
    t.regex(mapped!.message, new RegExp(`^item ${round % 6} of job \\d+ cannot be sent to a pool worker: `));
  }
  t.deepEqual(await within(pool.map(square, [1, 2, 3, 4], 1), RUN_MS, 'map after'), [1, 4, 9, 16]);
  report(t, {
    section: 'defect', defect: 16,
    tried: `an Error that is its own cause as a task argument: in the first batch before workers are ready, then in map items ${rounds} times`,
    outcome: `each fails only its own task with SerializationError ("${error!.message.slice(0, 70)}…"); the pool stays usable, no InitializerError`,
    figures: { rounds },
  });
});

test('defect 16: a worker killed while it starts is replaced, not blamed on an initializer', async (t) => {
  const before = new Set(descendantsOf());
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const started = descendantsOf().filter((pid) => !before.has(pid));
  for (const pid of started) process.kill(pid, 'SIGKILL');
  const squares = await within(pool.map(square, [1, 2, 3]).catch((error: unknown) => error), RUN_MS, 'map');
  t.false(squares instanceof InitializerError, String(squares));
  t.deepEqual(squares, [1, 4, 9]);
  report(t, {
    section: 'defect', defect: 16,
    tried: 'SIGKILL a pool worker while it starts (no initializer)',
    outcome: 'it is replaced and the map completes; no InitializerError',
    figures: { killed: started.length },
  });
});

test('defect 16: workers that cannot start stop the pool with WorkerStartError naming the real cause', async (t) => {
  const { outcomes } = await runChannelScript(t, 'pool-start-fails');
  const error = errorOf(outcomes['mapped']);
  t.is(error.name, 'WorkerStartError');
  t.regex(error.message, /^3 pool workers in a row exited before they were ready \(the last, pool worker PoolWorker-3 \(pid \d+\), exited with exit code 1\)\. There is no initializer/);
  t.is(errorOf(outcomes['after']).name, 'WorkerStartError');
  report(t, {
    section: 'defect', defect: 16,
    tried: 'pool workers that cannot start (a preload module that does not exist), no initializer',
    outcome: `${error.name}: ${error.message.slice(0, 120)}…`,
  });
});

test('a batch holding an unreadable argument fails that task alone, and every other task ends once', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  await within(pool.map(square, [1]), RUN_MS, 'warm-up');
  const results = Array.from({ length: 20 }, (_, i) => pool.applyAsync(identity, [i === 7 ? selfCaused() : i]));
  const settled = await within(Promise.allSettled(results.map((r) => r.get())), RUN_MS, 'the batch');
  t.is(settled.filter((s) => s.status === 'rejected').length, 1);
  t.true(settled[7]!.status === 'rejected' && settled[7]!.reason instanceof SerializationError);
  t.deepEqual(settled.flatMap((s, i) => (s.status === 'fulfilled' ? [s.value === i] : [])), new Array<boolean>(19).fill(true));
});

test('defect 16: good arguments batched with unreadable ones succeed; each bad one fails naming its own job and item', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  const calls = bySoak(30, 300);
  // Every 2nd and 3rd call holds the culprit: batches (two chunks each while no chunk time is known) mix them
  // with good calls, in every position.
  const bad = (i: number) => i % 3 !== 0;
  const results = Array.from({ length: calls }, (_, i) => pool.applyAsync(identity, [bad(i) ? { detail: selfCaused() } : i]));
  const settled = await within(Promise.allSettled(results.map((r) => r.get())), RUN_MS, 'the calls');
  const firstJob = Number(/of job (\d+)/.exec(String((settled[1] as PromiseRejectedResult).reason))?.[1]) - 1;
  for (const [i, outcome] of settled.entries()) {
    if (!bad(i)) {
      t.deepEqual(outcome, { status: 'fulfilled', value: i }, `good call ${i}`);
      continue;
    }
    t.is(outcome.status, 'rejected', `bad call ${i}`);
    const reason = (outcome as PromiseRejectedResult).reason as Error;
    t.true(reason instanceof SerializationError, `bad call ${i}: ${String(reason)}`);
    t.regex(reason.message, new RegExp(`^item 0 of job ${firstJob + i} cannot be sent to a pool worker: `), `bad call ${i}`);
    t.regex(reason.message, UNREADABLE, `bad call ${i}`);
  }
  const items = [1, 2, 3, { detail: selfCaused() }, 5, 6, { detail: selfCaused() }, 8];
  const mapped = await t.throwsAsync(within(pool.map(identity, items, 2), RUN_MS, 'map'), { instanceOf: SerializationError });
  t.regex(mapped!.message, /^item 3 of job \d+ cannot be sent to a pool worker: /);
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map after'), [1, 4, 9]);
  report(t, {
    section: 'defect', defect: 16,
    tried: `${calls} applyAsync calls at once, every 2nd and 3rd holding an Error that is its own cause, then a map with two such items`,
    outcome: 'every good call returned its value; each bad one failed alone with SerializationError naming its own job and item 0; the map named item 3',
    figures: { calls, good: settled.filter((s) => s.status === 'fulfilled').length },
  });
});

/** An argument whose getter answers the pool's per-item check with a number, and everything else with a function. */
function liar(): object {
  return {
    get detail(): unknown {
      return new Error().stack!.includes('cloneFailure') ? 1 : () => 1;
    },
  };
}

test('fault: an argument that passes the check alone but not when sent fails its task; the parent lives', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  // One batch: a fresh pool gives its worker two chunks at once, the first unsendable by any measure.
  const unsendable = pool.applyAsync(identity, [() => 1]);
  const lying = pool.applyAsync(identity, [liar()]);
  const [first, second] = await within(Promise.allSettled([unsendable.get(), lying.get()]), RUN_MS, 'the two calls');
  t.true(first.status === 'rejected' && first.reason instanceof SerializationError, String((first as PromiseRejectedResult).reason));
  t.true(second.status === 'rejected' && second.reason instanceof SerializationError, String((second as PromiseRejectedResult).reason));
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map after'), [1, 4, 9]);
  report(t, {
    section: 'fault',
    tried: 'a batch holding a function argument and an argument whose getter gives a function to every write but the per-item check',
    outcome: `both calls fail with SerializationError (${String((second as PromiseRejectedResult).reason).slice(0, 90)}…); no uncaught exception; the pool serves on`,
  });
});

/** An argument whose getter gives the pool's walk a number, and the write after it an Error that is its own cause. */
function hider(): object {
  let reads = 0;
  return {
    get detail(): unknown {
      return ++reads % 2 === 1 ? 1 : selfCaused();
    },
  };
}

test('fault: an argument that hides an unreadable value from the check costs two workers, then fails alone; the pool serves on', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  await within(pool.map(square, [1, 2]), RUN_MS, 'warm-up');
  const error = await t.throwsAsync(within(pool.apply(identity, [hider()]), RUN_MS, 'the hiding argument'), { instanceOf: WorkerCrashedError });
  t.regex(error!.message, /while running item 0 of job \d+/);
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map after'), [1, 4, 9]);
  report(t, {
    section: 'fault',
    tried: 'an argument whose getter shows the check a number and the write an Error that is its own cause: each worker that receives it dies in its IPC reader',
    outcome: `the chunk, lost unacknowledged twice, fails alone with ${error!.name} ("${error!.message.slice(0, 80)}…"); the pool serves on`,
  });
});

test('fault: a worker that cannot be started or replaced (fork fails) is a WorkerStartError naming the cause; the parent lives', async (t) => {
  const { outcomes, alive } = await runChannelScript(t, 'pool-respawn-fails');
  t.true(alive);
  const constructed = errorOf(outcomes['constructed']);
  t.is(constructed.name, 'WorkerStartError');
  t.regex(constructed.message, /^could not start a pool worker: the system refused to create a process \(running \/nonexistent\/multiproc-node: /);
  t.deepEqual(outcomes['workers left'], { ok: 0 }, 'the worker the constructor did start was stopped');
  t.is(errorOf(outcomes['crashed']).name, 'WorkerCrashedError');
  const after = errorOf(outcomes['after']);
  t.is(after.name, 'WorkerStartError');
  t.regex(after.message, /^could not start a pool worker: the system refused to create a process/);
  report(t, {
    section: 'fault',
    tried: 'the system refuses to start the second worker of new Pool({ processes: 2 }), then the replacement of a worker that exited (the Node executable made unreachable)',
    outcome: `new Pool() throws ${constructed.name} and stops the worker it started; the other pool stops with ${after.name}: ${after.message.slice(0, 120)}…; the parent lives`,
  });
});
