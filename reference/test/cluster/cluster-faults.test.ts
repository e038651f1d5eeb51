/**
 * A worker command SIGKILLed (or frozen) mid-call, seen from the caller (issue 19). A call marked
 * `{ idempotent: true }` gets every item's result exactly once: the lost chunk is sent again to a live worker
 * command. Any other call loses only the chunk that was running there, which rejects with WorkerCrashedError
 * naming the worker's host and pid; everything else succeeds. The tasks record each start and end in files, so
 * the tests see what the killed worker took with it and what ran again.
 */
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { executions, recordedSquare, recordedSquareOf } from './fixtures/fault-tasks.js';
import { CLUSTER_TASKS, explainSkip, freshQueue, redisTest, REDIS_URL, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';
import { FAULT_TASKS } from './fault-helpers.js';
import { waitFor } from '../pool/helpers.js';

assertNoOrphans(test);
explainSkip();

// Short, but not so short that a loaded machine's late lock renewal (every 2.5 s here) looks like a death: a
// spurious stall would run a chunk twice, or fail one that was not lost.
const FAST_STALL = ['--processes', '1', '--lock-duration', '5000', '--stalled-interval', '1000'];
const MODULES = [CLUSTER_TASKS, FAULT_TASKS];
const clusterTest = redisTest(test);

interface Setup {
  readonly dir: string;
  readonly queue: string;
  readonly victim: WorkerCommandHandle;
  readonly survivor: WorkerCommandHandle;
}

/** Two worker commands of one process each on a fresh queue, a record directory; all stopped and removed after `body`. */
async function withTwoWorkers(body: (setup: Setup) => Promise<void>): Promise<void> {
  const queue = freshQueue();
  const dir = mkdtempSync(join(tmpdir(), 'mp-fault-'));
  const workers: WorkerCommandHandle[] = [];
  try {
    const started = await Promise.allSettled([startWorkerCommand(queue, FAST_STALL, MODULES), startWorkerCommand(queue, FAST_STALL, MODULES)]);
    for (const outcome of started) if (outcome.status === 'fulfilled') workers.push(outcome.value);
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    await body({ dir, queue, victim: workers[0]!, survivor: workers[1]! });
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Items the victim started and never finished: the chunk it took with it. */
function lostOn(dir: string, victim: number): number[] {
  const runs = executions(dir).filter((run) => run.ppid === victim);
  const ended = new Set(runs.filter((run) => run.what === 'end').map((run) => run.item));
  return [...new Set(runs.filter((run) => run.what === 'start' && !ended.has(run.item)).map((run) => run.item))].sort((a, b) => a - b);
}

clusterTest('fault: cluster: a worker command SIGKILLed mid-map of an idempotent call: every item\'s result exactly once, the lost chunk run again on the other worker', async (t) => {
  await withTwoWorkers(async ({ dir, queue, victim, survivor }) => {
    const pool = new Pool({ processes: 2, cluster: { connection: REDIS_URL!, queue } });
    try {
      const items = Array.from({ length: 12 }, (_, i) => i);
      const mapping = pool.starmap(recordedSquare, items.map((i) => [dir, i, 600] as [string, number, number]), 2, { idempotent: true });
      mapping.catch(() => undefined);
      // Killed once it is running a chunk, before the map could end.
      await waitFor(() => executions(dir).some((run) => run.ppid === victim.pid && run.what === 'start'), 30_000, 'the victim started a chunk');
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      const result = await mapping;
      const settledMs = Date.now() - killedAt;
      t.deepEqual(result, items.map((i) => i * i));
      const lost = lostOn(dir, victim.pid);
      t.true(lost.length > 0, 'the victim was killed while running a chunk');
      // Nothing lost was skipped: every item the victim took with it ran to its end on the survivor.
      const runs = executions(dir);
      for (const item of lost) {
        t.true(runs.some((run) => run.item === item && run.what === 'end' && run.ppid === survivor.pid), `item ${item} ran again on the survivor`);
      }
      // Every item ended at least once; none of the others ran twice.
      for (const item of items) {
        const ends = runs.filter((run) => run.item === item && run.what === 'end').length;
        t.is(ends, 1, `item ${item} ended ${ends} times`);
      }
      report(t, {
        section: 'fault',
        tried: 'cluster pool: the worker command running a chunk of an idempotent starmap SIGKILLed (lock 5000 ms, stalled check 1000 ms)',
        outcome: `items ${lost.join(', ')} ran again on the other worker command; the map resolved with every result once`,
        figures: { 'SIGKILL to the map resolved (ms)': settledMs },
      });
    } finally {
      pool.terminate();
      await pool.join();
    }
  });
});

clusterTest('fault: cluster: a worker command SIGKILLed mid-run of calls not marked idempotent: the lost ones reject with WorkerCrashedError naming host and pid, all others succeed', async (t) => {
  await withTwoWorkers(async ({ dir, queue, victim }) => {
    const pool = new Pool({ processes: 2, cluster: { connection: REDIS_URL!, queue } });
    try {
      const items = Array.from({ length: 8 }, (_, i) => i);
      const calls = items.map((i) => pool.applyAsync(recordedSquare, [dir, i, 1000]));
      const outcomes = Promise.allSettled(calls.map((call) => call.get()));
      await waitFor(() => executions(dir).some((run) => run.ppid === victim.pid && run.what === 'start'), 30_000, 'the victim started a task');
      victim.child.kill('SIGKILL');
      const settled = await outcomes;
      const lost = lostOn(dir, victim.pid);
      t.true(lost.length > 0, 'the victim was killed while running a task');
      for (const item of items) {
        const outcome = settled[item]!;
        if (lost.includes(item)) {
          t.is(outcome.status, 'rejected', `item ${item}, lost with the victim, rejects`);
          const error = (outcome as PromiseRejectedResult).reason as WorkerCrashedError;
          t.true(error instanceof WorkerCrashedError);
          t.is(error.pid, victim.pid);
          t.regex(error.message, new RegExp(`multiproc worker on ${hostname()} \\(pid ${victim.pid}\\)`));
          t.regex(error.message, /not run again: its call was not marked idempotent.*pass \{ idempotent: true \}/);
        } else {
          t.deepEqual(outcome, { status: 'fulfilled', value: item * item }, `item ${item} succeeds`);
        }
      }
      // Not run again: a lost item started once, on the victim.
      for (const item of lost) t.is(executions(dir).filter((run) => run.item === item && run.what === 'start').length, 1);
    } finally {
      pool.terminate();
      await pool.join();
    }
  });
});

clusterTest('fault: cluster: a frozen worker command (SIGSTOP) whose idempotent chunk runs again elsewhere: thawed, its late answer is dropped, each item comes once', async (t) => {
  await withTwoWorkers(async ({ dir, queue, victim, survivor }) => {
    const pool = new Pool({ processes: 2, cluster: { connection: REDIS_URL!, queue } });
    try {
      const items = Array.from({ length: 6 }, (_, i) => i);
      const seen: number[] = [];
      const iterating = (async () => {
        const args = items.map((i) => [dir, i, 1000] as [string, number, number]);
        for await (const value of pool.imapUnordered(recordedSquareOf, args, 1, { idempotent: true })) seen.push(value);
      })();
      iterating.catch(() => undefined);
      await waitFor(() => executions(dir).some((run) => run.ppid === victim.pid && run.what === 'start'), 30_000, 'the victim started a task');
      // Frozen, not dead: its local pool's child finishes the task meanwhile, and its lock lapses.
      victim.child.kill('SIGSTOP');
      const held = executions(dir).filter((run) => run.ppid === victim.pid && run.what === 'start').map((run) => run.item);
      try {
        // Thawed as soon as the survivor starts the held item again: the victim's answer now comes first.
        await waitFor(() => executions(dir).some((run) => held.includes(run.item) && run.ppid === survivor.pid && run.what === 'start'),
          30_000, 'the held item started again on the survivor');
      } finally {
        victim.child.kill('SIGCONT');
      }
      await iterating;
      t.deepEqual([...seen].sort((a, b) => a - b), items.map((i) => i * i));
      // The held item ran twice (the victim's child finished it), and was delivered once.
      for (const item of held) t.is(executions(dir).filter((run) => run.item === item && run.what === 'end').length, 2);
    } finally {
      victim.child.kill('SIGCONT');
      pool.terminate();
      await pool.join();
    }
  });
});
