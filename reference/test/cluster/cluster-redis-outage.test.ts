/**
 * Redis down for 2 s mid-run and back with its data (saved at shutdown, loaded at start): every connection is cut
 * (the process is gone, its socket too), the pool and the worker commands reconnect, and the calls running then
 * resolve with every result, within connectTimeoutMs of the outage; a call after it works. A Redis back without
 * its data is cluster-redis-restart.test.ts. A Redis of its own (scripts/redis/private-redis.sh).
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { repoPath } from '../../../test-support/repo-paths.js';
import { square, valueAfter } from './fixtures/cluster-tasks.js';
import { explainSkip, redisTest, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';
import { isGone, waitFor } from '../pool/helpers.js';

assertNoOrphans(test);
explainSkip();

const SCRIPT = repoPath('scripts', 'redis', 'private-redis.sh');
const run = promisify(execFile);

redisTest(test)('fault: cluster: Redis down for 2 s mid-map and back with its data: the map resolves with every result after reconnecting, and the pool goes on', async (t) => {
  // Short: a Unix socket path is limited to 107 bytes.
  const parent = mkdtempSync('/tmp/mpro-');
  const dir = join(parent, 'r');
  const url = (await run(SCRIPT, ['start', dir])).stdout.trim();
  const socket = join(dir, 'redis.sock');
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
    const before = readFileSync(join(dir, 'redis.pid'), 'utf8').trim();
    // The process exits once its data is on disk: every client's connection is cut there and then.
    await run('redis-cli', ['-s', socket, 'SHUTDOWN', 'SAVE']).catch(() => undefined);
    const downAt = Date.now();
    // Gone, or a zombie waiting for whatever reaps daemons here.
    await waitFor(() => isGone(Number(before)), 5000, 'the Redis process exited');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await run(SCRIPT, ['start', dir]);
    t.not(readFileSync(join(dir, 'redis.pid'), 'utf8').trim(), before, 'a new Redis process');
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
    pool.terminate();
    await pool.join();
    await worker?.stop();
    await run(SCRIPT, ['stop', dir]);
    rmSync(parent, { recursive: true, force: true });
  }
});
