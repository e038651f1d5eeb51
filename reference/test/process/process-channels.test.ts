/**
 * What a Process child sends its parent (issue 14): its error report can always be read (defect 15), whatever
 * the target threw (defect 5), as its own class when the parent can find it (defect 12), and the target cannot
 * forge it (defect 11).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { Process, QueueEmpty, ThrownValueError, type SendableArgs } from '../../src/index.js';
import { HOSTILE_KINDS, HttpError, throwHostile, throwHttpError, throwLibraryError, trySendToFile } from '../fixtures/channel-tasks.js';
import { FORGED } from '../fixtures/channel-scripts.js';
import { runChannelScript } from '../fixtures/run-channel-script.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, RUN_MS, tempDir, within } from './helpers.js';

assertNoOrphans(test);

async function run<F extends (...args: never[]) => unknown>(t: Parameters<typeof cleanUp>[0], target: F, args: SendableArgs<Parameters<F>>): Promise<Process<F>> {
  const p = new Process({ target, args });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  return p;
}

test('defect 15: a target that throws an Error that is its own cause, or holds one, leaves the parent alive with its error', async (t) => {
  const { outcomes, alive } = await runChannelScript(t, 'process-target');
  t.true(alive);
  for (const what of ['thrown itself', 'thrown holding it in a property']) {
    const outcome = outcomes[what];
    const got = outcome !== undefined && 'ok' in outcome ? outcome.ok as { exitCode: number; error: { name: string; message: string } } : undefined;
    t.is(got?.exitCode, 1, what);
    t.is(got?.error.name, 'Error', what);
  }
  report(t, {
    section: 'defect', defect: 15,
    tried: 'a Process target throws an Error that is its own cause, and one holding such an Error in a property',
    outcome: 'the parent lives; exitCode is 1 and p.error holds the error, its chain cut',
  });
});

test('defect 5: whatever a target throws, p.error is a defined error that names the process', async (t) => {
  const kinds = bySoak(['null-prototype object with a function', 'Error with a throwing message getter', 'revoked Proxy', 'undefined'], HOSTILE_KINDS);
  for (const kind of kinds) {
    const p = await run(t, throwHostile, [kind]);
    t.is(p.exitCode, 1, `${kind}: the child exits 1 as for any error, not of a crash in its report`);
    t.true(p.error instanceof Error, `${kind}: p.error is ${String(p.error)}`);
    t.like((p.error as { raisedIn: unknown }).raisedIn, { process: p.name, pid: p.pid }, kind);
  }
  const p = await run(t, throwHostile, ['undefined']);
  t.true(p.error instanceof ThrownValueError);
  t.regex((p.error as Error).message, /^exceptions must derive from BaseException: undefined was thrown in process Process-[\d:]+ \(pid \d+\), and it is not an Error/);
  report(t, {
    section: 'defect', defect: 5,
    tried: `a Process target throws each of ${kinds.length} hostile values (${kinds.join(', ')})`,
    outcome: 'exitCode 1 and p.error a defined error naming the process and pid, every time',
    figures: { kinds: kinds.length },
  });
});

test('defect 12: a target that throws a registered user class or a multiproc class leaves p.error of that class', async (t) => {
  const http = await run(t, throwHttpError, [418]);
  t.true(http.error instanceof HttpError);
  t.is((http.error as HttpError).status, 418);
  const empty = await run(t, throwLibraryError, ['QueueEmpty']);
  t.true(empty.error instanceof QueueEmpty);
});

test('defect 11: process.send in a target is refused with an error that says what to use instead', async (t) => {
  const file = join(tempDir(t), 'answer.txt');
  const p = await run(t, trySendToFile, [file, { kind: 'target-error', error: new Uint8Array() }]);
  t.is(p.exitCode, 0);
  t.is(p.error, undefined, 'nothing forged reached the parent');
  t.is(readFileSync(file, 'utf8'), "ProcessStateError: process.send() is not available to tasks in a Process child: the channel to the parent carries multiproc's own messages. Return a value from the task, or pass a Queue to send data to the parent while the task runs");
});

test('defect 11: a message written raw on the channel is ignored; the parent lives', async (t) => {
  const { outcomes, alive } = await runChannelScript(t, 'process-forge');
  t.true(alive);
  for (const what of Object.keys(FORGED)) {
    const outcome = outcomes[what];
    t.true(outcome !== undefined && 'ok' in outcome, `${what}: ${JSON.stringify(outcome)}`);
    if (outcome !== undefined && 'ok' in outcome) t.deepEqual(outcome.ok, { exitCode: 0, error: null }, what);
  }
  report(t, {
    section: 'defect', defect: 11,
    tried: `${Object.keys(FORGED).length} messages written raw on a Process child's channel (its file descriptor)`,
    outcome: 'the parent lives; each is ignored (exitCode 0, no error)',
  });
});
