/**
 * A cluster pool lets its parent exit as a local one does: an idle pool's Redis connections do not keep the
 * process alive (a script that forgets close() still ends), and an outstanding call does until it settles.
 */
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { runScript, within } from '../pool/helpers.js';
import { clusterForFile, explainSkip, freshQueue, redisTest, REDIS_URL } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const SCRIPT = modulePath(import.meta.url, './fixtures/idle-cluster-script');
const queue = freshQueue();
clusterForFile(test, queue, [[['--processes', '1']]]);

/** Runs the script until it exits by itself (a process still alive after 30 s fails the test, and is killed). */
async function run(t: ExecutionContext, mode: string): Promise<{ code: number | null; printed: unknown; stderr: string }> {
  const script = runScript(t, REDIS_URL!, { script: SCRIPT, args: [queue, mode] });
  const { code } = await within(script.exited, 30_000, `the ${mode} script to exit by itself`);
  return { code, printed: code === 0 ? await script.report : undefined, stderr: script.stderr() };
}

const clusterTest = redisTest(test);

clusterTest('cluster: a script whose cluster pool is idle and never closed exits by itself', async (t) => {
  const { code, printed, stderr } = await run(t, 'idle');
  t.is(code, 0, stderr);
  t.deepEqual(printed, [1, 4, 9]);
});

clusterTest('cluster: a call outstanding keeps the script alive until its result arrives', async (t) => {
  const { code, printed, stderr } = await run(t, 'pending');
  t.is(code, 0, stderr);
  t.is(printed, 7);
});
