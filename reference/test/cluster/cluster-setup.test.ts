/**
 * A cluster pool's initializer, initargs and maxTasksPerChild (issue 19): they travel with its chunks, and each
 * worker command keeps a local pool per set-up, so two pools with different set-ups share worker commands and
 * never see each other's state. What the conformance rules cannot see.
 */
import test from 'ava';
import { Pool, TaskReferenceError, type PoolOptions } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { setUpWith, whatWasSetUp } from './fixtures/cluster-cancel-tasks.js';
import { notServed } from './fixtures/cluster-other-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest, REDIS_URL, CONNECT_MS } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const TASKS = modulePath(import.meta.url, './fixtures/cluster-cancel-tasks');
const queue = freshQueue();
clusterForFile(test, queue, [[['--processes', '1'], [TASKS]]]);

const clusterTest = redisTest(test);

async function using<T>(options: PoolOptions, use: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ ...options, cluster: { connection: REDIS_URL!, queue, connectTimeoutMs: CONNECT_MS } });
  try {
    return await use(pool);
  } finally {
    pool.terminate();
    await pool.join();
  }
}

clusterTest('cluster: pools with different initargs on the same worker command each see their own set-up, and a plain pool none', async (t) => {
  const tags = await Promise.all(['a', 'b'].map((tag) =>
    using({ processes: 2, initializer: setUpWith, initargs: [tag] }, async (pool) => pool.starmap(whatWasSetUp, [[], [], []], 1))));
  t.deepEqual(tags.map((seen) => [...new Set(seen.map(({ tag }) => tag))]), [['a'], ['b']]);
  // Separate processes: a process set up for one pool never runs another's chunks.
  const pidsOf = (seen: { pid: number }[]) => new Set(seen.map(({ pid }) => pid));
  t.false([...pidsOf(tags[0]!)].some((pid) => pidsOf(tags[1]!).has(pid)));
  const plain = await using({ processes: 2 }, (pool) => pool.apply(whatWasSetUp, []));
  t.is(plain.tag, undefined);
});

clusterTest('cluster: maxTasksPerChild replaces the worker command\'s processes that run the pool\'s chunks', async (t) => {
  const seen = await using({ processes: 1, maxTasksPerChild: 1 }, (pool) => pool.starmap(whatWasSetUp, [[], [], []], 1));
  t.is(new Set(seen.map(({ pid }) => pid)).size, 3);
});

clusterTest('cluster: an initializer the worker command was not started with is refused, never imported', async (t) => {
  await using({ processes: 1, initializer: notServed }, async (pool) => {
    const error = await t.throwsAsync(pool.apply(whatWasSetUp, []));
    t.regex(error!.message, /not started with the task module/);
    t.is(error!.name, TaskReferenceError.name);
  });
});
