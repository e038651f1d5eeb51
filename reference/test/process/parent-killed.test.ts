/**
 * Fault of issue 14: the parent is SIGKILLed while it is busy. It cannot say goodbye, so its children must
 * notice by themselves: every pool worker and the daemonic child exit within 2 s (a worker inside a
 * synchronous task once that task returns, the documented exception); the non-daemonic child runs on to its
 * end, as in Python, and finds the Queue's host gone with a bounded error rather than a hang.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { modulePath } from '../../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { isGone, killAtEnd, PROMPT_MS, RUN_MS, runNodeScript, sleep, tempDir, within } from './helpers.js';

assertNoOrphans(test);

const BUSY_PARENT = modulePath(import.meta.url, '../fixtures/busy-parent');

/** What the issue asks of every worker and daemonic child. */
const EXIT_BOUND_MS = 2000;
/** How long the synchronous task runs on after the parent's death. */
const SPIN_PAST_MS = 1000;
/** How long the non-daemonic child lives on after the parent's death: past the bound, so it is seen alive. */
const CHILD_PAST_MS = EXIT_BOUND_MS + 500;

interface Busy {
  readonly workers: number[];
  readonly async: number[];
  readonly sync: number;
  readonly idle: number[];
  readonly daemon: number;
  readonly child: number;
  readonly hello: string;
}

/** The time of the first log line `<pid> <what> <ms>`. */
function loggedAt(file: string, pid: number, what: string): number | undefined {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [who, said, at] = line.split(' ');
    if (Number(who) === pid && said === what) return Number(at);
  }
  return undefined;
}

function loggedBy(file: string, pid: number): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith(`${pid} `)).map((line) => line.split(' ')[1]!);
}

/** Polls until every pid is gone or `withinMs` passes; returns when each was first seen gone (ms since `from`). */
async function watchExits(pids: readonly number[], from: number, withinMs: number): Promise<Map<number, number>> {
  const gone = new Map<number, number>();
  while (gone.size < pids.length && Date.now() - from < withinMs) {
    for (const pid of pids) if (!gone.has(pid) && isGone(pid)) gone.set(pid, Date.now() - from);
    await sleep(10);
  }
  return gone;
}

async function killBusyParent(t: ExecutionContext, round: number): Promise<void> {
  const dir = tempDir(t);
  const log = join(dir, 'log');
  // The Queue's socket directory goes where the test can remove it: a SIGKILLed host cannot.
  const run = runNodeScript(t, BUSY_PARENT, [log, String(SPIN_PAST_MS), String(CHILD_PAST_MS)], { ...process.env, TMPDIR: dir });
  const busy = JSON.parse(await within(run.firstLine, RUN_MS, 'the parent to start everything')) as Busy;
  for (const pid of [...busy.workers, busy.daemon, busy.child]) killAtEnd(t, () => pid);
  t.is(busy.workers.length, 4, 'a Pool of 4');
  t.is(busy.async.length, 2, 'two workers inside async tasks');
  t.is(busy.idle.length, 1, 'one idle worker');
  t.true(busy.workers.includes(busy.sync), 'one worker inside a synchronous task');
  t.regex(busy.hello, /^hello from \d+$/, 'the Queue is in use');

  const killedAt = Date.now();
  run.child.kill('SIGKILL');
  await within(run.exited, PROMPT_MS, 'the parent to die');
  const prompt = [...busy.async, ...busy.idle, busy.daemon];
  const gone = await watchExits(prompt, killedAt, RUN_MS);
  const childAliveAfterThem = !isGone(busy.child);

  const syncGone = await watchExits([busy.sync], killedAt, RUN_MS);
  const childGone = await watchExits([busy.child], killedAt, RUN_MS);

  const ms = (pid: number) => gone.get(pid) ?? Infinity;
  for (const pid of busy.async) t.true(ms(pid) <= EXIT_BOUND_MS, `worker ${pid} (inside an async task) exited ${ms(pid)} ms after the kill`);
  for (const pid of busy.idle) t.true(ms(pid) <= EXIT_BOUND_MS, `idle worker ${pid} exited ${ms(pid)} ms after the kill`);
  t.true(ms(busy.daemon) <= EXIT_BOUND_MS, `the daemonic child exited ${ms(busy.daemon)} ms after the kill`);
  t.true(childAliveAfterThem, `the non-daemonic child still runs once the workers and the daemon are gone (after ` +
    `${Math.max(...prompt.map(ms))} ms); it logged: ${loggedBy(log, busy.child).join(', ')}`);

  const syncEnd = loggedAt(log, busy.sync, 'sync-end');
  t.not(syncEnd, undefined, 'the synchronous task returned');
  t.true(syncGone.has(busy.sync), 'the worker of the synchronous task exited once the task returned');
  const syncExitAfterReturn = killedAt + (syncGone.get(busy.sync) ?? Infinity) - (syncEnd ?? 0);

  t.true(childGone.has(busy.child), 'the non-daemonic child ended by itself');
  t.deepEqual(loggedBy(log, busy.child), ['child-start', 'child-orphaned', 'child-end:QueueClosedError'],
    'the child ran to its end; its put to the dead parent\'s Queue failed with QueueClosedError, no hang');

  report(t, {
    section: 'fault',
    tried: `round ${round + 1}: parent SIGKILLed with a Pool of 4 (2 workers in async tasks, waiting on a Queue and ` +
      'on a timer, 1 in a synchronous task, 1 idle), a daemonic and a non-daemonic Process using the Queue',
    outcome: 'every worker and the daemon exited by itself; the synchronous one once its task returned; the ' +
      'non-daemonic child ran to its end and got QueueClosedError from the Queue',
    figures: {
      'async workers exit ms': busy.async.map(ms).join('/'),
      'idle worker exit ms': busy.idle.map(ms).join('/'),
      'daemon exit ms': ms(busy.daemon),
      'sync worker exit ms after its task returned': syncExitAfterReturn,
      'sync task ran on ms': SPIN_PAST_MS,
      'non-daemonic child ended ms': childGone.get(busy.child) ?? Infinity,
    },
  });
}

test('fault: the parent is SIGKILLed while a Pool of 4, two Processes and a Queue are busy; workers and the daemon exit within 2 s, the non-daemonic child runs to its end', async (t) => {
  const rounds = bySoak(1, 5);
  for (let round = 0; round < rounds; round++) await killBusyParent(t, round);
});
