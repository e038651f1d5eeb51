import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { isGone, killAtEnd, PROMPT_MS, RUN_MS, runParent, tempDir, waitFor, within } from './helpers.js';
import { modulePath } from '../../../test-support/repo-paths.js';

assertNoOrphans(test);

const FIXTURE_FILE = modulePath(import.meta.url, '../fixtures/tasks');

test('a daemonic child is terminated when its parent exits, and does not keep the parent alive', async (t) => {
  const pidFile = join(tempDir(t), 'daemon.pid');
  let daemonPid: number | undefined;
  killAtEnd(t, () => daemonPid);
  const { exited } = runParent(t, 'daemon-then-return', pidFile);
  const exit = await within(exited, RUN_MS, 'the parent script');
  t.is(exit.code, 0);
  daemonPid = Number(readFileSync(pidFile, 'utf8'));
  t.true(Number.isInteger(daemonPid) && daemonPid > 0, `pid file holds ${daemonPid}`);
  // The parent wrote the pid just after start() and then returned: it did not wait for the 30 s sleep.
  const returnedAfter = exit.at - statSync(pidFile).mtimeMs;
  t.true(returnedAfter < PROMPT_MS, `the parent exited ${returnedAfter.toFixed(0)} ms after starting the daemon`);
  const pid = daemonPid;
  await t.notThrowsAsync(waitFor(() => isGone(pid), PROMPT_MS, `daemon ${pid} to be gone`));
});

test('a non-daemonic child is waited for: the parent exits only after the child has finished', async (t) => {
  const doneFile = join(tempDir(t), 'done.txt');
  const { exited } = runParent(t, 'child-then-return', doneFile);
  const exit = await within(exited, RUN_MS, 'the parent script');
  t.is(exit.code, 0);
  t.true(existsSync(doneFile), 'the child wrote its file before the parent exited');
  t.is(readFileSync(doneFile, 'utf8'), 'done');
});

test("when the program's work is done, its daemonic children are terminated first, then the others waited for (Python's order)", async (t) => {
  const file = join(tempDir(t), 'out');
  const { exited } = runParent(t, 'daemon-and-child-then-return', file);
  const exit = await within(exited, RUN_MS, 'the parent script');
  t.is(exit.code, 0);
  t.true(existsSync(`${file}.non-daemonic`), 'the non-daemonic child finished before the parent exited');
  t.false(existsSync(`${file}.daemonic`), 'the daemonic child, whose work was shorter, was terminated before the wait');
});

test('a join with a timeout that passes beside a join without one does not end the program: daemonic children live on while it waits', async (t) => {
  const file = join(tempDir(t), 'out');
  const { exited } = runParent(t, 'daemon-and-two-joins', file);
  const exit = await within(exited, RUN_MS, 'the parent script');
  t.is(exit.code, 0);
  t.true(existsSync(`${file}.daemonic`), 'the daemonic child finished its work while the parent was still joining');
});

test('a daemonic child with its stderr piped does not keep the parent alive either', async (t) => {
  const pidFile = join(tempDir(t), 'daemon.pid');
  let daemonPid: number | undefined;
  killAtEnd(t, () => daemonPid);
  const { exited } = runParent(t, 'piped-daemon-then-return', pidFile);
  const exit = await within(exited, RUN_MS, 'the parent script (it would hang while the pipe holds its event loop)');
  t.is(exit.code, 0);
  daemonPid = Number(readFileSync(pidFile, 'utf8'));
  // The pipe must not hold the parent's event loop until the daemon's 30 s sleep ends.
  const returnedAfter = exit.at - statSync(pidFile).mtimeMs;
  t.true(returnedAfter < PROMPT_MS, `the parent exited ${returnedAfter.toFixed(0)} ms after starting the daemon`);
  const pid = daemonPid;
  await t.notThrowsAsync(waitFor(() => isGone(pid), PROMPT_MS, `daemon ${pid} to be gone`));
});

test('a daemonic child whose parent is killed with SIGKILL exits by itself', async (t) => {
  const pidFile = join(tempDir(t), 'daemon.pid');
  let daemonPid: number | undefined;
  killAtEnd(t, () => daemonPid);
  const { child, exited } = runParent(t, 'daemon-then-hang', pidFile);
  // The daemon writes its own pid once its target runs, so it is fully started when the parent dies.
  await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', RUN_MS, 'the daemon to start');
  daemonPid = Number(readFileSync(pidFile, 'utf8'));
  t.false(isGone(daemonPid), 'the daemon runs while its parent lives');
  child.kill('SIGKILL');
  const exit = await within(exited, PROMPT_MS, 'the parent to die');
  t.is(exit.signal, 'SIGKILL');
  const pid = daemonPid;
  await t.notThrowsAsync(waitFor(() => isGone(pid), PROMPT_MS, `daemon ${pid} to notice its parent is gone`));
});

test("a failing child's stderr starts with 'Process <name>:' and the stack, as in Python", async (t) => {
  const { exited, output } = runParent(t, 'failing-child');
  const exit = await within(exited, RUN_MS, 'the parent script');
  t.is(exit.code, 0, 'the parent itself succeeds: a failing child does not fail its parent');
  const { stderr } = await within(output, PROMPT_MS, 'the output to close');
  t.true(stderr.startsWith('Process failing-child:\nTypeError: boom from the child\n    at throwTypeError ('), stderr);
  t.true(stderr.includes(FIXTURE_FILE), stderr);
});
