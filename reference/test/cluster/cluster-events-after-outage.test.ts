/**
 * After Redis went down and came back, a cluster pool's calls complete through its events reader (the
 * `completed` event, milliseconds), not only through the reconciler's look-ups (every reconcileMs): BullMQ's
 * events reader runs without its watchdog (blockingTimeout 0, cluster-client.ts), and a blocking XREAD that a
 * reconnect interrupts must not leave it stuck. reconcileMs is 20 s here, so a fallback to the reconciler is
 * unmistakable, not a timing race.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { repoPath } from '../../../test-support/repo-paths.js';
import { square } from './fixtures/cluster-tasks.js';
import { explainSkip, redisTest, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';
import { isGone, waitFor, within } from '../pool/helpers.js';

assertNoOrphans(test);
explainSkip();

const SCRIPT = repoPath('scripts', 'redis', 'private-redis.sh');
const run = promisify(execFile);
const RECONCILE_MS = 20_000;

redisTest(test)('fault: cluster: after Redis went down and came back, a call completes from its event, well under reconcileMs', async (t) => {
  // Short: a Unix socket path is limited to 107 bytes.
  const parent = mkdtempSync('/tmp/mpev-');
  const dir = join(parent, 'r');
  const url = (await run(SCRIPT, ['start', dir])).stdout.trim();
  let worker: WorkerCommandHandle | undefined;
  const pool = new Pool({ processes: 1, cluster: { connection: url, queue: 'events', reconcileMs: RECONCILE_MS } });
  try {
    worker = await startWorkerCommand('events', ['--processes', '1'], undefined, url);
    t.is(await pool.apply(square, [2]), 4);
    const before = readFileSync(join(dir, 'redis.pid'), 'utf8').trim();
    await run('redis-cli', ['-s', join(dir, 'redis.sock'), 'SHUTDOWN', 'SAVE']).catch(() => undefined);
    await waitFor(() => isGone(Number(before)), 5000, 'the Redis process to exit');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await run(SCRIPT, ['start', dir]);
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
    pool.terminate();
    await pool.join();
    await worker?.stop();
    await run(SCRIPT, ['stop', dir]);
    rmSync(parent, { recursive: true, force: true });
  }
});
