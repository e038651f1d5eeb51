/**
 * Redis down for 2 s mid-run and back with its data (saved at shutdown, loaded at start): every connection is cut
 * (the process is gone, its socket too), the pool and the worker commands reconnect, and the calls running then
 * resolve with every result, within connectTimeoutMs of the outage; a call after it works. A Redis back without
 * its data is cluster-redis-restart.test.ts. A Redis of its own (scripts/redis/private-redis.sh).
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { square, valueAfter } from './fixtures/cluster-tasks.js';
import { endAll, explainSkip, redisTest, startOwnRedis, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

redisTest(test)('fault: cluster: Redis down for 2 s mid-map and back with its data: the map resolves with every result after reconnecting, and the pool goes on', async (t) => {
  const redis = await startOwnRedis('mpro-');
  const { url } = redis;
  let worker: WorkerCommandHandle | undefined;
  const connectTimeoutMs = 10_000;
  const pool = new Pool({ processes: 2, cluster: { connection: url, queue: 'outage', connectTimeoutMs } });
  try {
    worker = await startWorkerCommand('outage', ['--processes', '2'], undefined, url);
    t.deepEqual(await pool.map(square, [1, 2, 3]), [1, 4, 9]);
    const items = Array.from({ length: 20 }, (_, i) => [i, 300] as [number, number]);
    const mapping = pool.starmap(valueAfter, items, 1);
    mapping.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const before = redis.pid();
    // The process exits once its data is on disk: every client's connection is cut there and then.
    const downAt = Date.now();
    await redis.shutDownSaving();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await redis.start();
    t.not(redis.pid(), before, 'a new Redis process');
    const result = await mapping;
    const settledMs = Date.now() - downAt;
    t.deepEqual(result, items.map(([i]) => i));
    // The documented bound: a chunk whose Redis stays unreachable longer than connectTimeoutMs fails; this one was back.
    t.true(settledMs < connectTimeoutMs + 10_000, `settled ${settledMs} ms after Redis went down`);
    t.deepEqual(await pool.map(square, [4, 5]), [16, 25]);
    report(t, {
      section: 'fault',
      tried: 'cluster pool: Redis (saved at shutdown) stopped 0.7 s into a map of 20 × 300 ms chunks, started again on the same socket 2 s later',
      outcome: 'the map resolved with every result once the pool and the worker command reconnected; a map after it worked',
      figures: { 'Redis down to the map resolved (ms)': settledMs },
    });
  } finally {
    await endAll(pool, worker, redis);
  }
});
