/**
 * The channel between a pool and its workers carries only the pool's own messages (issue 14, defect 11): task
 * code cannot send on it, and a message that is not the protocol is a fault of that worker, never an exception
 * in the parent.
 */
import { serialize } from 'node:v8';
import test from 'ava';
import { Pool, ProtocolError } from '../../src/index.js';
import { encodeError } from '../../src/remote-error.js';
import { sendRaw, square, tryInternalSend, trySend } from '../fixtures/channel-tasks.js';
import { FORGED } from '../fixtures/channel-scripts.js';
import { runChannelScript, type Outcome } from '../fixtures/run-channel-script.js';
import { report } from '../../../test-support/reliability.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

test('defect 11: process.send in a task is refused with an error that says what to use instead', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const answers = await within(Promise.all([
    pool.apply(trySend, [{ kind: 'ready' }]),
    pool.apply(trySend, [{ kind: 'init-error', error: new Uint8Array() }]),
    pool.apply(trySend, ['hello parent']),
    pool.apply(tryInternalSend, [{ kind: 'ready' }]),
  ]), RUN_MS, 'three trySend and Node\'s internal _send');
  for (const answer of answers) {
    t.is(answer, "ProcessStateError: process.send() is not available to tasks in a pool worker: the channel to the parent carries multiproc's own messages. Return a value from the task, or pass a Queue to send data to the parent while the task runs");
  }
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map after'), [1, 4, 9]);
  report(t, {
    section: 'defect', defect: 11,
    tried: 'a pool task calls process.send with a forged "ready", a forged "init-error" and a plain string, and Node\'s internal process._send',
    outcome: `each call throws ${answers[0]!.slice(0, 90)}…; the pool serves on`,
  });
});

test('defect 11: a message written raw on the channel is a ProtocolError of that worker; the parent lives, the pool serves on', async (t) => {
  const { outcomes, alive } = await runChannelScript(t, 'pool-forge');
  t.true(alive);
  const seen: string[] = [];
  for (const what of Object.keys(FORGED)) {
    const forged = outcomes[what] as Outcome;
    if ('error' in forged) {
      t.regex(forged.error.name, /^(ProtocolError|SerializationError)$/, what);
      seen.push(`${what} → ${forged.error.name}`);
    } else seen.push(`${what} → ignored`);
    t.deepEqual(outcomes[`${what}, then`], { ok: [1, 4, 9] }, `the pool serves on after ${what}`);
  }
  const unknown = outcomes['an unknown kind'] as Outcome;
  t.true('error' in unknown && unknown.error.name === 'ProtocolError');
  if ('error' in unknown) t.regex(unknown.error.message, /^pool worker PoolWorker-\d+ \(pid \d+\) sent a message of unknown kind "surprise", which is not part of multiproc's protocol; the pool killed and replaced it/);
  report(t, {
    section: 'defect', defect: 11,
    tried: `${Object.keys(FORGED).length} messages written raw on a pool worker's channel (its file descriptor) (${Object.keys(FORGED).join('; ')})`,
    outcome: `the parent lives and the pool serves on after each: ${seen.join('; ')}`,
  });
});

test('defect 11: an init-error from a worker already ready, or in a pool without initializer, is a ProtocolError; the pool serves on', async (t) => {
  const forged = { kind: 'init-error', error: serialize(encodeError(new Error('forged'))) };
  const plain = new Pool({ processes: 1 });
  const initialized = new Pool({ processes: 1, initializer: square, initargs: [2] });
  cleanUp(t, plain, initialized);
  const seen: string[] = [];
  for (const [what, pool] of [['no initializer', plain], ['a worker already ready', initialized]] as const) {
    const error = await t.throwsAsync(within(pool.apply(sendRaw, [forged, 200]), RUN_MS, what), { instanceOf: ProtocolError }, what);
    t.regex(error?.message ?? '', /^pool worker PoolWorker-\d+ \(pid \d+\) sent an "init-error" message /, what);
    t.notRegex(error?.message ?? '', /Pool initializer none/, what);
    t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, `map after (${what})`), [1, 4, 9], what);
    seen.push(`${what}: ${error?.message.slice(0, 110)}…`);
  }
  report(t, {
    section: 'defect', defect: 11,
    tried: 'a well-formed "init-error" written raw on the channel by a ready worker, in a pool without initializer and in one with',
    outcome: `ProtocolError, that worker replaced, the pool serves on (${seen.join('; ')})`,
  });
});
