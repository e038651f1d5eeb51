/**
 * Registered value classes on the cluster (issue 19): their instances cross Redis as themselves, in a call's
 * arguments, in its results and in the pool's initargs; a multiproc Queue, which cannot reach another machine, is
 * refused at once with an error that says so.
 */
import test from 'ava';
import { ClusterError, Pool, Queue } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { movePoint, Point, setUpWithPoint, whatWasSetUp } from './fixtures/cluster-cancel-tasks.js';
import { clusterForFile, explainSkip, freshQueue, redisTest, REDIS_URL, CONNECT_MS } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const TASKS = modulePath(import.meta.url, './fixtures/cluster-cancel-tasks');
const queue = freshQueue();
clusterForFile(test, queue, [[['--processes', '1'], [TASKS]]]);

const clusterTest = redisTest(test);

clusterTest('cluster: registered class instances cross as themselves in arguments, results and initargs', async (t) => {
  const pool = new Pool({ processes: 1, initializer: setUpWithPoint, initargs: [new Point(5, 6)] as never, cluster: { connection: REDIS_URL!, queue, connectTimeoutMs: CONNECT_MS } });
  try {
    // The fixture's Point is not in RegisteredClasses (it would change the type tests' view): typed by hand.
    const [moved] = (await pool.starmap(movePoint, [[new Point(3, 4), 1]] as never)) as ReturnType<typeof movePoint>[];
    t.true(moved!.arrived);
    t.is(moved!.norm, 5);
    t.true(moved!.moved instanceof Point);
    t.deepEqual([moved!.moved.x, moved!.moved.y], [4, 4]);
    t.is((await pool.apply(whatWasSetUp, [])).tag, 'Point(5, 6)');
  } finally {
    pool.terminate();
    await pool.join();
  }
});

test('cluster: a multiproc Queue in the initargs is refused at once, saying why', (t) => {
  const q = new Queue();
  try {
    t.throws(() => new Pool({ initializer: setUpWithPoint, initargs: [{ q }] as never, cluster: { connection: 'redis://127.0.0.1:1', queue: 'q' } }), {
      instanceOf: TypeError, message: /initargs hold a multiproc Queue, which cannot cross to options\.cluster's workers/,
    });
  } finally {
    q.close();
  }
});

clusterTest('cluster: a multiproc Queue among a call\'s arguments rejects the call at once, saying why', async (t) => {
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue, connectTimeoutMs: CONNECT_MS } });
  const q = new Queue();
  try {
    await t.throwsAsync(pool.apply(whatWasSetUp, [q] as never), { instanceOf: ClusterError, message: /Queue cannot be passed to a cluster pool's task/ });
  } finally {
    q.close();
    pool.terminate();
    await pool.join();
  }
});
