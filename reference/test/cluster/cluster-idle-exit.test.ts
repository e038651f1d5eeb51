/**
 * A cluster pool lets its parent exit as a local one does: an idle pool's Redis connections do not keep the
 * process alive (a script that forgets close() still ends), and an outstanding call does until it settles.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath, nodeArgsFor } from '../../../test-support/repo-paths.js';
import { explainSkip, freshQueue, redisTest, REDIS_URL, startWorkerCommand, type WorkerCommandHandle } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();

const SCRIPT = modulePath(import.meta.url, './fixtures/idle-cluster-script');
const queue = freshQueue();
let worker: WorkerCommandHandle | undefined;

test.before(async () => {
  if (REDIS_URL !== undefined) worker = await startWorkerCommand(queue, ['--processes', '1']);
});

test.after.always(async () => {
  await worker?.stop();
});

/** Runs the script; a process still alive after 30 s is killed and reported as such (code null). */
function run(mode: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgsFor(SCRIPT, REDIS_URL!, queue, mode), { timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : (error as { code?: number | null }).code ?? null, stdout, stderr }));
  });
}

const clusterTest = redisTest(test);

clusterTest('cluster: a script whose cluster pool is idle and never closed exits by itself', async (t) => {
  const { code, stdout, stderr } = await run('idle');
  t.is(code, 0, `exit code ${code} (null: still running after 30 s); stderr: ${stderr}`);
  t.is(stdout.trim(), '[1,4,9]');
});

clusterTest('cluster: a call outstanding keeps the script alive until its result arrives', async (t) => {
  const { code, stdout, stderr } = await run('pending');
  t.is(code, 0, stderr);
  t.is(stdout.trim(), '7');
});
