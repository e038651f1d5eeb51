/**
 * A pool worker leaves once its parent is gone, whatever state it is in. Driven straight through worker-main
 * (forked by hand), so that the test can close the channel at the moment it wants.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { childExecArgv } from '../../src/child-flags.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { linesOf, RUN_MS, tempDir, waitFor, within } from './helpers.js';

assertNoOrphans(test);

const WORKER_MAIN = modulePath(import.meta.url, '../../src/backend/child-process/worker-main');
const TASKS_URL = pathToFileURL(modulePath(import.meta.url, './fixtures/pool-tasks')).href;

test('a worker whose initializer fails after its parent closed the channel exits, though a handle is left open', async (t) => {
  const started = join(tempDir(t), 'started');
  const worker = fork(WORKER_MAIN, [], { execArgv: childExecArgv(), serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
  t.teardown(async () => {
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await exited;
  });
  worker.on('error', () => undefined);
  worker.send({
    kind: 'init', name: 'PoolWorker-L', identity: [1], parent: { name: 'MainProcess', pid: process.pid }, maxTasks: null, initQueues: [],
    initializer: { moduleUrl: TASKS_URL, key: 'failingInitLeavingAHandle' }, initargs: [started, 300],
  });
  await waitFor(() => linesOf(started).length > 0, RUN_MS, 'the initializer to start');
  // The parent goes away while the initializer runs: its failure can no longer be reported.
  worker.disconnect();
  t.not(await within(exited, RUN_MS, 'the worker to exit'), null);
});
