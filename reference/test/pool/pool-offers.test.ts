/**
 * Offered chunks (pool/offers.ts): once a slow function is timed, chunks left waiting while every worker is busy
 * are offered, and a worker that frees up claims the oldest itself. No chunk runs twice, the earliest goes to the
 * first free worker, and a worker that dies running a claimed chunk fails that chunk, never runs it again. Checked by
 * where and in which order the work ran (a log each task appends to), never by how long it took.
 */
import test from 'ava';
import { lstatSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { Offers } from '../../src/pool/offers.js';
import type { Task } from '../../src/pool/task.js';
import { logThenBlock, logThenBlockOrDie } from './fixtures/offer-tasks.js';
import { cleanUp, linesOf, RUN_MS, tempDir, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

interface Run {
  readonly pid: number;
  readonly value: number;
  readonly at: number;
}

function runsIn(file: string): Run[] {
  return linesOf(file).map((line) => {
    const [pid, value, at] = line.split(' ').map(Number);
    return { pid: pid!, value: value!, at: at! };
  });
}

/** The workers of `pids` that made claim links in an offer directory (there is one per pool that offered). */
function claimers(pids: readonly number[]): Set<number> {
  const found = new Set<number>();
  for (const base of ['/dev/shm', ...new Set([process.env['TMPDIR'] ?? '/tmp'])]) {
    let names: string[];
    try {
      names = readdirSync(base).filter((name) => name.startsWith('multiproc-offers-'));
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        for (const entry of readdirSync(join(base, name))) {
          if (!entry.startsWith('c')) continue;
          const pid = Number(readlinkSync(join(base, name, entry)));
          if (pids.includes(pid)) found.add(pid);
        }
      } catch {
        // Another pool's directory, gone meanwhile.
      }
    }
  }
  return found;
}

/** Times the function as slow (window 1), so that what is submitted next is offered. */
async function timed(pool: Pool, log: string): Promise<void> {
  await within(pool.starmap(logThenBlock, [[log, 30, -1], [log, 30, -2], [log, 30, -3], [log, 30, -4]], 1), RUN_MS, 'starmap to time the task');
}

test('offered chunks each run once, in submission order, claimed by the workers themselves', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  const pids = await workerPids(pool);
  const log = join(tempDir(t), 'runs.log');
  await timed(pool, log);
  const values = [...Array(24).keys()];
  const results = await within(pool.starmap(logThenBlock, values.map((v) => [log, 40, v] as [string, number, number]), 1), RUN_MS, 'starmap(logThenBlock)');
  t.deepEqual(results, values);
  t.true(claimers(pids).size > 0, 'no worker claimed an offer: the chunks all went through the parent');
  const runs = runsIn(log).filter((run) => run.value >= 0);
  t.deepEqual(runs.map((run) => run.value).sort((a, b) => a - b), values, 'some chunk ran twice, or not at all');
  // The first free worker takes the oldest chunk, so starts follow submission order; only two chunks taken by the
  // two workers at about the same moment (as the first two are) may log their starts the other way round.
  const byStart = [...runs].sort((a, b) => a.at - b.at).map((run) => run.value);
  const displaced = byStart.filter((value, position) => Math.abs(value - position) > 1);
  t.deepEqual(displaced, [], `chunks started out of submission order: ${byStart.join(' ')}`);
});

test('a worker that dies running a claimed chunk fails that chunk with WorkerCrashedError; no chunk runs twice', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  await workerPids(pool);
  const log = join(tempDir(t), 'runs.log');
  await timed(pool, log);
  const values = [...Array(12).keys()];
  const error = await t.throwsAsync(within(
    pool.starmap(logThenBlockOrDie, values.map((v) => [log, 15, v, 7] as [string, number, number, number]), 1), RUN_MS, 'starmap(logThenBlockOrDie)'));
  t.true(error instanceof WorkerCrashedError, String(error));
  t.is((error as WorkerCrashedError).index, 7);
  // The map failed at 7; the pool's other chunks ran on (each once), and the pool goes on.
  t.deepEqual(await within(pool.starmap(logThenBlock, [[log, 1, 100], [log, 1, 101]], 1), RUN_MS, 'starmap after the crash'), [100, 101]);
  const counts = new Map<number, number>();
  for (const run of runsIn(log)) counts.set(run.value, (counts.get(run.value) ?? 0) + 1);
  t.deepEqual([...counts.entries()].filter(([, n]) => n > 1), [], 'a chunk ran twice');
});

function chunk(seq: number): Task {
  return { seq, job: 0, start: seq, fn: 0, items: [seq], star: false };
}

test('Offers: a claim is one worker\'s; the parent withdraws only what no worker claimed; a dead claimer\'s unreported claims come back', (t) => {
  const offers = new Offers();
  t.teardown(() => offers.clear());
  for (let seq = 10; seq < 14; seq++) t.true(offers.add(chunk(seq)));
  const dir = offers.dir!;
  t.is(lstatSync(dir).mode & 0o077, 0, 'the offer directory is private');
  t.is(offers.from, 0);
  // Worker 4242 claims offer 0, worker 4343 offer 2 (as worker-offers.ts does).
  symlinkSync('4242', join(dir, 'c0'));
  symlinkSync('4343', join(dir, 'c2'));
  t.is(offers.open(), 2);
  t.is(offers.claimed(0, 4343), undefined, 'a worker cannot take another\'s claim');
  t.is(offers.withdrawOldest()?.seq, 11, 'the oldest offer no one claimed');
  t.is(offers.claimed(1, 4242), undefined, 'a withdrawn offer cannot be claimed');
  t.is(offers.claimed(0, 4242)?.seq, 10);
  t.deepEqual(offers.claimedBy(4343).map((c) => c.seq), [12], 'the dead worker\'s claim');
  t.is(offers.length, 1);
  t.is(offers.from, 3);
  t.is(offers.withdrawOldest()?.seq, 13);
  t.is(offers.withdrawOldest(), undefined);
  offers.clear();
  t.is(lstatSync(dir, { throwIfNoEntry: false }), undefined, 'clear() removes the directory');
});
