/**
 * Progress on the cluster (issue 19): a task's currentTask().progress(value) reaches the caller's onProgress
 * through the worker command's local pool and BullMQ's job progress, with its item's index, its value as it left
 * (V8, not JSON), in order per chunk, and its last report before the chunk's result.
 */
import test from 'ava';
import type { ProgressUpdate } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { readRelayed } from '../../src/backend/bullmq/progress-relay.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportTwiceWhenSeen } from './fixtures/cluster-cancel-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const TASKS = modulePath(import.meta.url, './fixtures/cluster-cancel-tasks');
const queue = freshQueue();
const cluster = clusterForFile(test, queue, [[['--processes', '2'], [TASKS]], [['--processes', '1'], [TASKS]]], 3);

const clusterTest = redisTest(test);

clusterTest('cluster: every report of every item reaches onProgress with its index and its value as it left, in order', async (t) => {
  // Each report waits until onProgress has seen it before the task goes on. Reports are coalesced by design when
  // they come close together (the worker's PROGRESS_MS window; a chunk waiting its turn on its slot), latest
  // winning; a task sleeping 40 ms between them was not enough on a loaded machine, where timers fire in bunches
  // (item 5's 'start' and, with chunks of 4, item 6's 'end' were lost at a load average of ~60). A report that
  // never arrives now fails the task after 60 s, and the call with it.
  const dir = mkdtempSync(join(tmpdir(), 'multiproc-cluster-progress-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const items = Array.from({ length: 12 }, (_, i) => [i, dir] as [number, string]);
  const seen: ProgressUpdate[] = [];
  const onProgress = (update: ProgressUpdate) => {
    seen.push(update);
    const value = update.value as { item?: unknown; at?: unknown } | undefined;
    if (update.index !== undefined && value !== undefined) writeFileSync(join(dir, `${String(value.item)}-${String(value.at)}`), '');
  };
  const result = await cluster.pool!.starmap(reportTwiceWhenSeen, items, 2, { onProgress });
  t.deepEqual(result, items.map(([i]) => i));
  const reports = seen.filter((update) => update.index !== undefined);
  for (const [i] of items) {
    const mine = reports.filter((update) => update.index === i).map((update) => update.value);
    t.deepEqual(mine, [{ item: i, big: BigInt(i), at: 'start' }, { item: i, big: BigInt(i), at: 'end' }], `the reports of item ${i}`);
  }
});

clusterTest('cluster: a task\'s last report reaches onProgress before its call resolves', async (t) => {
  // Reports wait until seen, as above: 8 calls on 3 slots put chunks behind each other, where close reports coalesce.
  const dir = mkdtempSync(join(tmpdir(), 'multiproc-cluster-progress-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const calls = Array.from({ length: 8 }, async (_, i) => {
    const seen: unknown[] = [];
    await cluster.pool!.apply(reportTwiceWhenSeen, [i, dir], undefined, {
      onProgress: ({ value, index }) => {
        if (index === undefined) return;
        seen.push(value);
        writeFileSync(join(dir, `${i}-${String((value as { at?: unknown }).at)}`), '');
      },
    });
    return seen;
  });
  const seen = await Promise.all(calls);
  t.deepEqual(seen, seen.map((_, i) => [{ item: i, big: BigInt(i), at: 'start' }, { item: i, big: BigInt(i), at: 'end' }]));
});

test('cluster: a job\'s progress that is not one of ours is ignored', (t) => {
  t.is(readRelayed(0), undefined);
  t.is(readRelayed({ n: 1, o: -1, v: '' }), undefined);
  t.is(readRelayed({ n: 1, o: 0, v: '%%%' }), undefined);
});
