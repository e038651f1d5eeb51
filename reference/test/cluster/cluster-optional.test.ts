/**
 * bullmq and ioredis are optional: without them the library loads and a local pool runs; only a cluster pool's
 * calls fail, with a ClusterError that says what to install. Needs no Redis.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { COMPILED, modulePath } from '../../../test-support/repo-paths.js';

assertNoOrphans(test);

test('cluster: without bullmq installed, the library loads, a local pool runs, and a cluster call says what to install', async (t) => {
  const register = modulePath(import.meta.url, './fixtures/no-bullmq-register');
  const main = modulePath(import.meta.url, './fixtures/no-bullmq-main');
  const args = [...(COMPILED ? [] : ['--import', 'tsx']), '--import', register, main];
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 60_000 });
  const seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as { hidden: boolean; localResult: number[]; isClusterError: boolean; message: string };
  t.true(seen.hidden, 'the hooks hide bullmq');
  t.deepEqual(seen.localResult, [1, 4, 9]);
  t.true(seen.isClusterError);
  t.regex(seen.message, /needs the packages bullmq and ioredis.*npm install bullmq@6\.7\.6 ioredis@6\.1\.0/);
});
