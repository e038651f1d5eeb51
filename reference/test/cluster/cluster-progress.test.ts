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
import { reportTwice } from './fixtures/cluster-cancel-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const TASKS = modulePath(import.meta.url, './fixtures/cluster-cancel-tasks');
const queue = freshQueue();
const cluster = clusterForFile(test, queue, [[['--processes', '2'], [TASKS]], [['--processes', '1'], [TASKS]]], 3);

const clusterTest = redisTest(test);

clusterTest('cluster: every report of every item reaches onProgress with its index and its value as it left, in order', async (t) => {
  const items = Array.from({ length: 12 }, (_, i) => [i, 40 + (i % 3) * 30] as [number, number]);
  const seen: ProgressUpdate[] = [];
  // Chunks of 4 on a pool of 3: one chunk per slot. A chunk waiting behind another of its slot has its reports
  // coalesced until its turn, the latest winning (cluster-backend.ts #reported), as a local worker's are; with
  // chunks of 2 (6 on 3 slots) a loaded machine lost item 5's 'start' that way.
  const result = await cluster.pool!.starmap(reportTwice, items, 4, { onProgress: (update) => seen.push(update) });
  t.deepEqual(result, items.map(([i]) => i));
  const reports = seen.filter((update) => update.index !== undefined);
  // 40 ms and more between a task's reports: none is coalesced away.
  for (const [i] of items) {
    const mine = reports.filter((update) => update.index === i).map((update) => update.value);
    t.deepEqual(mine, [{ item: i, big: BigInt(i), at: 'start' }, { item: i, big: BigInt(i), at: 'end' }], `the reports of item ${i}`);
  }
});

clusterTest('cluster: a task\'s last report reaches onProgress before its call resolves', async (t) => {
  const calls = Array.from({ length: 8 }, async (_, i) => {
    const seen: unknown[] = [];
    await cluster.pool!.apply(reportTwice, [i, 20 + (i % 4) * 20], undefined, { onProgress: ({ value, index }) => index !== undefined && seen.push(value) });
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
