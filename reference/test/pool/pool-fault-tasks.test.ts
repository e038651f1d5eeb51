/**
 * Tasks that misbehave (issue 14, Pool faults): each ends in a defined outcome, never a hang, and the pool
 * serves a map correctly afterwards (or, once terminated, its join() resolves within the grace bound).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Pool, PoolTerminatedError, TimeoutError, WorkerCrashedError, type TaskFunction } from '../../src/index.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../../test-support/repo-paths.js';
import { blockForever, disconnectChannel, exhaustHeap, exitWith, ignoreSigtermThenBlock, neverReturns } from './fixtures/misbehaving-tasks.js';
import { square } from './fixtures/pool-tasks.js';
import { killLeftoversAtEnd } from './fault-helpers.js';
import { cleanUp, isGone, linesOf, PROMPT_MS, RUN_MS, tempDir, waitFor, within, workerPids } from './helpers.js';
import { assertNoOrphans, commandOf, descendantsOf } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const XS = [...Array(200).keys()];
const GRACE_MS = 500;

/**
 * A pool of two whose last work was quick chunks, so that it sends several chunks to each worker at once, as a
 * busy pool does (after slow ones it sends one at a time).
 */
async function warmPool(t: ExecutionContext, processes = 2): Promise<Pool> {
  const pool = new Pool({ processes, terminateGraceMs: GRACE_MS });
  cleanUp(t, pool);
  killLeftoversAtEnd(t);
  await within(pool.map(square, [...Array(5000).keys()], 10), RUN_MS, 'warm-up map');
  return pool;
}

async function mapIsRight(t: ExecutionContext, pool: Pool, what: string): Promise<void> {
  t.deepEqual(await within(pool.map(square, XS), RUN_MS, `map ${what}`), XS.map(square), `map ${what}`);
}

const stuck: readonly (readonly [string, TaskFunction, string])[] = [
  ['never returns (event loop free)', neverReturns, 'SIGTERM ends it at once'],
  ['blocks its event loop for ever', blockForever, 'SIGTERM ends it at once (no listener: the default action needs no event loop)'],
  ['ignores SIGTERM and blocks its event loop for ever', ignoreSigtermThenBlock, `SIGKILL ends it ${GRACE_MS} ms after SIGTERM`],
];

for (const [what, task, ending] of stuck) {
  test.serial(`fault: a task that ${what}: get(ms) rejects with TimeoutError, the other worker serves a map meanwhile, terminate() ends it within the grace bound`, async (t) => {
    const pool = await warmPool(t);
    const file = join(tempDir(t), 'started');
    const result = pool.applyAsync(task, [file]);
    await waitFor(() => linesOf(file).length === 1, RUN_MS, 'the task to start');
    const [pid] = linesOf(file).map(Number);
    await t.throwsAsync(within(result.get(200), PROMPT_MS, 'get(200)'), { instanceOf: TimeoutError, message: /^no result within 200 ms/ });
    await mapIsRight(t, pool, 'beside the stuck task');
    const started = performance.now();
    pool.terminate();
    await within(pool.join(), GRACE_MS + PROMPT_MS, 'join() after terminate()');
    const joinMs = performance.now() - started;
    t.true(isGone(pid!), 'the stuck worker is gone');
    await t.throwsAsync(within(result.get(), PROMPT_MS, 'get() after terminate()'), { instanceOf: PoolTerminatedError });
    report(t, {
      section: 'fault',
      tried: `a task that ${what}`,
      outcome: `get(200) → TimeoutError; a map beside it was right; terminate(): ${ending}; get() → PoolTerminatedError`,
      figures: { terminateGraceMs: GRACE_MS, 'terminate → join resolved (ms)': Math.round(joinMs) },
    });
  });
}

const crashing: readonly (readonly [string, TaskFunction, unknown[], { exitCode: number; signal: NodeJS.Signals | null }])[] = [
  ['calls process.exit(3)', exitWith, [3], { exitCode: 3, signal: null }],
  ['disconnects its IPC channel (process.disconnect())', disconnectChannel, [], { exitCode: 0, signal: null }],
];

for (const [what, task, args, expected] of crashing) {
  test.serial(`fault: a task that ${what}: WorkerCrashedError (exit code ${expected.exitCode}), the worker is replaced, a map after it is right`, async (t) => {
    const pool = await warmPool(t);
    const before = await workerPids(pool);
    const error = await t.throwsAsync(within(pool.apply(task, args as never), RUN_MS, 'apply'), { instanceOf: WorkerCrashedError });
    t.is(error!.exitCode, expected.exitCode);
    t.is(error!.signal, expected.signal);
    t.is(error!.index, 0);
    t.true(before.includes(error!.pid));
    await mapIsRight(t, pool, 'after the crash');
    const after = await workerPids(pool);
    t.is(after.length, 2, 'the pool is back at its size');
    t.false(after.includes(error!.pid), 'the dead worker was replaced');
    report(t, {
      section: 'fault',
      tried: `a task that ${what}`,
      outcome: `WorkerCrashedError: ${error!.message}; replaced; a map after it was right`,
    });
  });
}

test.serial('fault: a task that exhausts its heap (worker run with --max-old-space-size=32): WorkerCrashedError (SIGABRT), the worker is replaced, a map after it is right', async (t) => {
  // Workers inherit the parent's memory flags: as if the parent ran with `node --max-old-space-size=32`. Only the
  // first workers: their replacements start after the flag is gone, with the default heap.
  process.execArgv.push('--max-old-space-size=32');
  let pool: Pool;
  try {
    pool = new Pool({ processes: 2, terminateGraceMs: GRACE_MS });
  } finally {
    process.execArgv.pop();
  }
  cleanUp(t, pool);
  killLeftoversAtEnd(t);
  const started = performance.now();
  const error = await t.throwsAsync(within(pool.apply(exhaustHeap, []), RUN_MS, 'apply'), { instanceOf: WorkerCrashedError });
  const crashMs = performance.now() - started;
  t.is(error!.signal, 'SIGABRT', error!.message);
  t.is(error!.exitCode, -6);
  await mapIsRight(t, pool, 'after the crash');
  t.is((await workerPids(pool)).length, 2, 'the pool is back at its size');
  report(t, {
    section: 'fault',
    tried: 'a task that allocates until V8 runs out of heap (--max-old-space-size=32)',
    outcome: `WorkerCrashedError: ${error!.message}; replaced; a map after it was right`,
    figures: { 'submit → rejection (ms)': Math.round(crashMs) },
  });
});

test.serial('fault: tasks that write megabytes to stdout and stderr complete without deadlock, and every byte reaches the parent\'s stdout and stderr', async (t) => {
  const bytes = bySoak(4, 64) * 1024 * 1024;
  const script = modulePath(import.meta.url, './fixtures/pool-scripts');
  const child = spawn(process.execPath, nodeArgsFor(script, 'flood', String(bytes)), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = 0;
  let stderr = 0;
  let tail = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += Buffer.byteLength(chunk);
    tail = (tail + chunk).slice(-4096);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.length));
  const started = performance.now();
  const exit = await within(new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (code, signal) => resolve([code, signal]))),
    RUN_MS, 'the flooding script to exit');
  const tookMs = performance.now() - started;
  t.deepEqual(exit, [0, null]);
  // Printed after join(): every worker has exited, so all they wrote is out before it.
  const last = tail.trimEnd().split('\n').at(-1)!;
  if (!last.startsWith('{')) {
    // Say what happened instead of a JSON error: the script's exit, what it printed last and how much arrived.
    return t.fail(`the script's last line is not its report (exit ${JSON.stringify(exit)}, ${stdout} bytes on stdout, ` +
      `${stderr} on stderr): …${tail.slice(-300)}`);
  }
  const seen = JSON.parse(last) as { written: { stdout: number; stderr: number }[]; squares: number[] };
  t.deepEqual(seen.squares, [1, 4, 9]);
  const written = seen.written.reduce((sum, w) => sum + w.stdout, 0);
  t.true(written > bytes, `the tasks wrote ${written} bytes`);
  t.is(stdout, written + Buffer.byteLength(`${last}\n`), 'every byte written to stdout arrived');
  t.is(stderr, written, 'every byte written to stderr arrived');
  report(t, {
    section: 'fault',
    tried: `two tasks each writing ${bytes / 1024 / 1024} MiB to stdout and to stderr at once`,
    outcome: 'completed; every byte reached the parent\'s stdout and stderr (workers share the parent\'s stdio); a map after them was right',
    figures: { 'MiB per stream': written / 1024 / 1024, 'script run (ms)': Math.round(tookMs) },
  });
});

test.serial('fault: tasks that flood a stdout nobody reads: the retiring workers give up draining once nothing is read for 2 s, and exit', async (t) => {
  const script = modulePath(import.meta.url, './fixtures/pool-scripts');
  // Its stdout and stderr are pipes this test never reads: once their 64 KiB are full, nothing more leaves.
  const child = spawn(process.execPath, nodeArgsFor(script, 'flood', String(4 * 1024 * 1024)), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  child.stderr.pause();
  t.teardown(() => {
    for (const pid of descendantsOf(child.pid!)) process.kill(pid, 'SIGKILL');
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let workers: number[] = [];
  // By their command line: a loader's helper process (tsx's esbuild) may be a descendant too.
  await waitFor(() => (workers = descendantsOf(child.pid!).filter((pid) => commandOf(pid).includes('worker-main'))).length === 2, RUN_MS, 'the script to start its 2 workers');
  const started = performance.now();
  await waitFor(() => workers.every(isGone), RUN_MS, 'the workers to exit although nobody reads their output');
  const seconds = (performance.now() - started) / 1000;
  report(t, {
    section: 'fault',
    tried: 'two tasks each writing 4 MiB to a stdout and a stderr that nobody reads, then close() and join()',
    outcome: 'the workers gave up draining after 2 s in which nothing was read, and exited; join() did not wait for ever',
    figures: { 'workers gone after (s)': seconds.toFixed(1) },
  });
  t.pass();
});
