/**
 * The cluster pool end to end: a Pool with `cluster` in this process, two `multiproc worker` commands as other
 * machines would run them, one private Redis between them (MULTIPROC_REDIS_URL).
 */
import test from 'ava';
import { ClusterError, Pool } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { add, echo, failOn13, square, ValueError, valueAfter, whereRan } from './fixtures/cluster-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest, REDIS_URL, CONNECT_MS } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const queue = freshQueue();
const cluster = clusterForFile(test, queue, [[['--processes', '2']], [['--processes', '2']]], 2);

const clusterTest = redisTest(test);

clusterTest('cluster: map runs its chunks on both worker commands\' local pools and returns the results in input order', async (t) => {
  const items = Array.from({ length: 60 }, (_, i) => i);
  const where = await cluster.pool!.map(whereRan, items, 3);
  t.deepEqual(where.map((w) => w.x), items);
  // Each worker command runs tasks in a child of its own, never on its BullMQ event loop.
  const parents = new Set(where.map((w) => w.ppid));
  t.deepEqual([...parents].sort(), cluster.workers.map((w) => w.pid).sort());
  t.false(where.some((w) => cluster.workers.some((worker) => worker.pid === w.pid)));
});

clusterTest('cluster: a map of 20,000 numbers with the default chunksize equals the sequential map', async (t) => {
  const items = Array.from({ length: 20_000 }, (_, i) => i - 7);
  t.deepEqual(await cluster.pool!.map(square, items), items.map(square));
});

clusterTest('cluster: results come back in order when later chunks finish first', async (t) => {
  const items: [number, number][] = [[0, 300], [1, 1], [2, 150], [3, 1], [4, 1]];
  t.deepEqual(await cluster.pool!.starmap(valueAfter, items, 1), [0, 1, 2, 3, 4]);
  // One slot, which a new pool fills with two chunks: the second finishes first and waits for the first.
  const single = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue, connectTimeoutMs: CONNECT_MS } });
  try {
    t.deepEqual(await single.starmap(valueAfter, [[0, 400], [1, 1]], 1), [0, 1]);
  } finally {
    single.terminate();
    await single.join();
  }
});

clusterTest('cluster: apply, applyAsync, starmap and imap work as in a local pool', async (t) => {
  t.is(await cluster.pool!.apply(add, [2, 3]), 5);
  t.is(await cluster.pool!.applyAsync(square, [9]).get(10_000), 81);
  t.deepEqual(await cluster.pool!.starmap(add, [[1, 2], [3, 4]]), [3, 7]);
  const seen: number[] = [];
  for await (const value of cluster.pool!.imap(square, [1, 2, 3, 4], 2)) seen.push(value);
  t.deepEqual(seen, [1, 4, 9, 16]);
});

clusterTest('cluster: values JSON would change arrive as they left (undefined, BigInt, Map, Date, -0, NaN)', async (t) => {
  const value = [undefined, 10n, new Map([[1, 'a']]), new Date(0), -0, NaN, new Uint8Array([1, 2])];
  t.deepEqual(await cluster.pool!.apply(echo, [value]), value);
  t.true(Object.is((await cluster.pool!.apply(echo, [-0])), -0));
});

clusterTest('cluster: a failing item rejects map with the task\'s error rebuilt: class, message, stack, cause', async (t) => {
  const error = await t.throwsAsync(cluster.pool!.map(failOn13, Array.from({ length: 30 }, (_, i) => i), 4), { instanceOf: ValueError });
  t.is(error.message, 'bad item 13');
  t.regex(error.stack ?? '', /failOn13/);
  t.true(error.cause instanceof RangeError);
  t.is((error.cause as Error).message, '13 is unlucky');
});

clusterTest('cluster: a task from a module the workers were not started with is refused by them, never run', async (t) => {
  const { square: otherSquare } = await import('../pool/fixtures/pool-tasks.js');
  const error = await t.throwsAsync(cluster.pool!.apply(otherSquare, [3]), { instanceOf: ClusterError });
  t.regex(error.message, /refused this chunk: refused: this worker was not started with the task module .*pool-tasks/);
  t.true(cluster.workers.some((worker) => /refused job \d+ of queue/.test(worker.stderr())));
});

test('cluster: options.cluster is checked before anything connects; misspellings are refused', (t) => {
  t.throws(() => new Pool({ cluster: { connection: 'redis://127.0.0.1:1', queue: 'q', reconcilems: 5 } as never }), {
    instanceOf: TypeError, message: /unexpected option "reconcilems".*did you mean reconcileMs/,
  });
  t.throws(() => new Pool({ cluster: { connection: 'redis://127.0.0.1:1', queue: 'a:b' } }), { instanceOf: TypeError, message: /options\.cluster\.queue/ });
  t.throws(() => new Pool({ cluster: { queue: 'q' } as never }), { instanceOf: TypeError, message: /options\.cluster\.connection/ });
  t.throws(() => new Pool({ cluster: { connection: 'redis://x', queue: 'q', connectTimeoutMs: 0 } }), { instanceOf: RangeError });
  t.throws(() => new Pool({ clustr: {} } as never), { instanceOf: TypeError, message: /did you mean cluster/ });
});

test('cluster: Redis unreachable rejects the call with a ClusterError naming the connection, within connectTimeoutMs', async (t) => {
  const nowhere = 'redis+unix:///tmp/multiproc-no-redis-here.sock';
  const unreachable = new Pool({ processes: 1, cluster: { connection: nowhere, queue: 'q', connectTimeoutMs: 1000 } });
  try {
    const started = Date.now();
    const error = await t.throwsAsync(unreachable.map(square, [1, 2, 3]), { instanceOf: ClusterError });
    t.regex(error.message, /Redis at redis\+unix:\/\/\/tmp\/multiproc-no-redis-here\.sock did not answer within 1000 ms/);
    // A bound far from the figure (about 1 s): a hang, not a timing.
    t.true(Date.now() - started < 15_000);
  } finally {
    unreachable.terminate();
    await unreachable.join();
  }
});

test('cluster: a password in the connection URL never appears in an error', async (t) => {
  const unreachable = new Pool({ processes: 1, cluster: { connection: 'redis://user:s3cret@127.0.0.1:1', queue: 'q', connectTimeoutMs: 500 } });
  try {
    const error = await t.throwsAsync(unreachable.apply(square, [1]), { instanceOf: ClusterError });
    t.notRegex(error.message, /s3cret/);
    t.regex(error.message, /redis:\/\/user:\*\*\*@127\.0\.0\.1:1/);
  } finally {
    unreachable.terminate();
    await unreachable.join();
  }
});

