/**
 * The cluster pool as users get it: the worker command from dist/cli.js, its local children from dist/worker-main.js
 * running chunks through dist/chunk-task.js, and the pool from dist/index.js, with a plain .mjs task module. From the
 * sources every process holds one copy of each module; the built package once shipped the chunk runner as a bundle of
 * its own, whose copies of the worker's modules replaced the worker's in the child: a cluster task's progress() went
 * nowhere and its currentTask().signal never fired. The other cluster tests run from the sources and could not see it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../../test-support/repo-paths.js';
import { buildDistOnce, plainEnv } from '../../../test-support/built-dist.js';
import { CONNECT_MS, explainSkip, freshQueue, redisTest, REDIS_URL } from './cluster-helpers.js';

assertNoOrphans(test);
explainSkip();
const clusterTest = redisTest(test);

// Inside the package, so that `multiproc` resolves through its own "exports" to dist/, in the gitignored .tmp/.
const dir = join(REPO_ROOT, '.tmp', `cluster-built-${process.pid}`);
const TASKS = join(dir, 'tasks.mjs');

/** Reports 0 … n-1, then returns n. */
const REPORT = `export function reportEach(n) { for (let i = 0; i < n; i++) currentTask().progress(i); return n; }`;
/** Writes what it sees of its signal to path, every 50 ms, until it is aborted or ms have passed. */
const WATCH = `export async function watchSignal(path, ms) {
  const { signal } = currentTask();
  writeFileSync(path, 'started');
  for (let waited = 0; waited < ms && !signal.aborted; waited += 50) await new Promise((done) => setTimeout(done, 50));
  writeFileSync(path, signal.aborted ? 'aborted' : 'not aborted');
  return signal.aborted;
}`;

let worker: ChildProcess | undefined;

test.before(async () => {
  if (REDIS_URL === undefined) return;
  await buildDistOnce();
  mkdirSync(dir, { recursive: true });
  writeFileSync(TASKS, `import { writeFileSync } from 'node:fs';\nimport { currentTask, tasks } from 'multiproc';\n${REPORT}\n${WATCH}\ntasks(import.meta, { reportEach, watchSignal });\n`);
});

test.after.always(async () => {
  if (worker !== undefined && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((done) => worker!.once('exit', done));
    worker.kill('SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** `multiproc worker` from dist/cli.js under plain node, once it says it is ready. */
function startWorker(queue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'worker', '--connection', REDIS_URL!, '--queue', queue, '--processes', '1', TASKS],
    { stdio: ['ignore', 'pipe', 'inherit'], env: plainEnv() });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the built worker command was not ready within 60 s')), CONNECT_MS);
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      if (/ ready\n/.test(out)) {
        clearTimeout(timer);
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the built worker command exited (${code ?? signal}) before it was ready`));
    });
  });
}

clusterTest('cluster, built package: a task\'s progress reaches onProgress and its currentTask().signal fires on abort', async (t) => {
  const queue = freshQueue();
  worker = await startWorker(queue);
  const { Pool } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'index.js')).href) as typeof import('../../src/index.js');
  const { reportEach, watchSignal } = await import(pathToFileURL(TASKS).href) as {
    reportEach: (n: number) => number; watchSignal: (path: string, ms: number) => Promise<boolean>;
  };
  const pool = new Pool({ processes: 1, cluster: { connection: REDIS_URL!, queue } });
  try {
    const heard: unknown[] = [];
    t.is(await pool.apply(reportEach, [5], undefined, { onProgress: (update) => void ('value' in update && heard.push(update.value)) }), 5);
    // Coalesced (one message per 16 ms at most), and the last report arrives before the result.
    t.true(heard.length >= 1, 'the task\'s reports reached onProgress');
    t.is(heard.at(-1), 4, 'the last report, 4, arrived');

    const path = join(dir, 'signal');
    const controller = new AbortController();
    const call = pool.apply(watchSignal, [path, 30_000], undefined, { signal: controller.signal, graceMs: 30_000 });
    call.catch(() => undefined);
    for (const until = Date.now() + CONNECT_MS; !existsSync(path) && Date.now() < until;) await new Promise((done) => setTimeout(done, 20));
    t.is(readFileSync(path, 'utf8'), 'started');
    controller.abort();
    await t.throwsAsync(call, { name: 'AbortError' });
    for (const until = Date.now() + CONNECT_MS; readFileSync(path, 'utf8') === 'started' && Date.now() < until;) await new Promise((done) => setTimeout(done, 20));
    t.is(readFileSync(path, 'utf8'), 'aborted', 'the task saw its signal fire');
  } finally {
    pool.terminate();
    await pool.join();
  }
});
