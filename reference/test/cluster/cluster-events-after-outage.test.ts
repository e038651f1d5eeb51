/**
 * After Redis went down and came back, a cluster pool's calls complete through its events reader (the
 * `completed` event, milliseconds), not only through the reconciler's look-ups (every reconcileMs): BullMQ's
 * events reader runs without its watchdog (blockingTimeout 0, cluster-client.ts), and a blocking XREAD that a
 * reconnect interrupts must not leave it stuck. reconcileMs is 20 s here, so a fallback to the reconciler is
 * unmistakable, not a timing race.
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { square } from './fixtures/cluster-tasks.js';
import { endAll, explainSkip, redisTest, startOwnRedis, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';
import { within } from '../pool/helpers.js';

assertNoOrphans(test);
explainSkip();

const RECONCILE_MS = 20_000;

redisTest(test)('fault: cluster: after Redis went down and came back, a call completes from its event, well under reconcileMs', async (t) => {
  const redis = await startOwnRedis('mpev-');
  const { url } = redis;
  let worker: WorkerCommandHandle | undefined;
  const pool = new Pool({ processes: 1, cluster: { connection: url, queue: 'events', reconcileMs: RECONCILE_MS } });
  try {
    worker = await startWorkerCommand('events', ['--processes', '1'], undefined, url);
    t.is(await pool.apply(square, [2]), 4);
    await redis.shutDownSaving();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await redis.start();
    // The first call may wait for the reconnects (ioredis backs off up to 2 s); the ones after must not.
    // (BullMQ's events reader waits 5 s after a failed read; a reconciler's look-up would take 20–40 s.)
    const back = Date.now();
    t.is(await within(pool.apply(square, [3]), RECONCILE_MS * 3, 'the first apply once Redis was back'), 9);
    const first = Date.now() - back;
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = Date.now();
      // Each from its completed event: a quarter of reconcileMs is ample under load, and far from a look-up.
      t.is(await within(pool.apply(square, [i]), RECONCILE_MS / 4, `apply ${i} after the outage (reconcileMs ${RECONCILE_MS})`), i * i);
      took.push(Date.now() - start);
    }
    t.log(`the first apply once Redis was back: ${first} ms; the applies after it: ${took.join(', ')} ms`);
  } finally {
    await endAll(pool, worker, redis);
  }
});
