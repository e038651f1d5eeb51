/**
 * Nothing a worker sends can crash the parent, and nothing the parent sends can kill a worker (issue 14,
 * defects 15 and 16); a worker that cannot start is named for what it is.
 */
import test from 'ava';
import { InitializerError, Pool, SerializationError } from '../../src/index.js';
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

test('a batch that cannot be read is sent again without its bad chunk, and every other task ends once', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  await within(pool.map(square, [1]), RUN_MS, 'warm-up');
  const results = Array.from({ length: 20 }, (_, i) => pool.applyAsync(identity, [i === 7 ? selfCaused() : i]));
  const settled = await within(Promise.allSettled(results.map((r) => r.get())), RUN_MS, 'the batch');
  t.is(settled.filter((s) => s.status === 'rejected').length, 1);
  t.true(settled[7]!.status === 'rejected' && settled[7]!.reason instanceof SerializationError);
  t.deepEqual(settled.flatMap((s, i) => (s.status === 'fulfilled' ? [s.value === i] : [])), new Array<boolean>(19).fill(true));
});
