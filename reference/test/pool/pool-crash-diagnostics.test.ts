/**
 * Crash diagnostics: what a WorkerCrashedError tells (task, stderr tail, out of memory), and what piping the
 * workers' stderr must not change (their output reaches the parent's stderr, a closed stderr kills no parent,
 * workers still die with their parent).
 */
import test, { type ExecutionContext } from 'ava';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { StderrTail } from '../../src/backend/child-process/stderr-tail.js';
import { oomHint } from '../../src/pool/oom-hint.js';
import { linesThenKill, writeStderrThenExit } from './fixtures/crash-tasks.js';
import { cleanUp, isGone, PROMPT_MS, RUN_MS, runScript, waitFor, within, type ScriptRun } from './helpers.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const SCRIPT = modulePath(import.meta.url, './fixtures/crash-scripts');

/** Runs a crash-scripts scenario; its first stdout line is its report. */
function runCrashScript(t: ExecutionContext, scenario: string, ...args: string[]): ScriptRun<Record<string, unknown>> {
  return runScript(t, scenario, { script: SCRIPT, args });
}

test('StderrTail keeps only the last bytes, however much is pushed', (t) => {
  const tail = new StderrTail(4096);
  for (let i = 0; i < 10_000; i++) tail.push(Buffer.from(`line ${i}\n`));
  const text = tail.text();
  t.true(Buffer.byteLength(text) <= 4096);
  t.true(Buffer.byteLength(text) > 4000);
  t.true(text.endsWith('line 9999\n'));
  tail.push(Buffer.alloc(100_000, 'y'));
  t.is(tail.text(), 'y'.repeat(4096));
});

test('StderrTail cuts multibyte text on a character boundary', (t) => {
  for (const char of ['é', '€', '😀']) {
    for (let shift = 0; shift < 4; shift++) {
      const tail = new StderrTail(64);
      tail.push(Buffer.from('x'.repeat(shift) + char.repeat(100)));
      const text = tail.text();
      t.false(text.includes('\uFFFD'), `${char} shifted by ${shift}: ${text}`);
      t.is(text, char.repeat([...text].length), `${char} shifted by ${shift}: only whole characters`);
      t.true(Buffer.byteLength(text) > 64 - Buffer.byteLength(char));
    }
  }
});

test('oomHint: V8\'s heap report, or a SIGKILL past the memory ceiling; nothing otherwise', (t) => {
  const fatal = 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb78db3 node::Abort()';
  t.regex(oomHint({ stderrTail: fatal, signal: 'SIGABRT' })!, /^out of memory: .*heap.*--max-old-space-size/);
  t.truthy(oomHint({ stderrTail: 'FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory', signal: 'SIGABRT' }));
  t.regex(oomHint({ stderrTail: '', signal: 'SIGKILL', lastRssMb: 512.4, limitMb: 500 })!, /SIGKILLed right after its memory \(512 MB RSS\) crossed its ceiling of 500 MB/);
  t.is(oomHint({ stderrTail: '', signal: 'SIGKILL', lastRssMb: 120, limitMb: 500 }), undefined, 'under its ceiling');
  t.is(oomHint({ stderrTail: '', signal: 'SIGKILL' }), undefined, 'no ceiling known');
  t.is(oomHint({ stderrTail: '', signal: 'SIGTERM', lastRssMb: 900, limitMb: 500 }), undefined, 'not a SIGKILL');
  t.is(oomHint({ stderrTail: 'TypeError: x is not a function', signal: null }), undefined);
});

test('a crash names the task, the item, how the worker ended, and ends with what it wrote to stderr', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const pid = await within(pool.apply(writeStderrThenExit, ['', null]), RUN_MS, 'the first task');
  const error = await within(pool.starmap(writeStderrThenExit, [['', null], ['going down\n', 5]], 1).catch((e: unknown) => e), RUN_MS, 'the crash');
  t.true(error instanceof WorkerCrashedError);
  const crash = error as WorkerCrashedError;
  t.like(crash, { task: 'writeStderrThenExit', pid, exitCode: 5, signal: null, index: 1, count: 1, stderrTail: 'going down\n', oom: false });
  t.is(crash.message.split('\n')[0], `pool worker ${crash.worker} (pid ${pid}) died with exit code 5 while running item 1 of job ${crash.job} ` +
    '(task writeStderrThenExit); the worker was replaced and the other tasks go on');
  t.is(crash.message.split('\n').slice(1).join('\n'), '  its stderr ended with:\n    going down');

  const killed = await within(pool.apply(linesThenKill, [3]).catch((e: unknown) => e), RUN_MS, 'the second crash') as WorkerCrashedError;
  t.like(killed, { task: 'linesThenKill', signal: 'SIGKILL', exitCode: -9, oom: false });
  t.is(killed.stderrTail, [0, 1, 2].map((i) => `line ${i} ${killed.pid}\n`).join(''), 'the tail is complete when the crash is reported');
  t.regex(killed.message, /\n {2}SIGKILL comes from outside the worker: .*out-of-memory killer/);
});

test('a long stderr: every byte reaches the parent\'s stderr, the error keeps the last 4 KiB cut on a character', async (t) => {
  const run = runCrashScript(t, 'long-stderr-then-exit', '20000');
  const report = await within(run.report, RUN_MS, 'the script\'s report');
  await within(run.exited, RUN_MS, 'the script to end');
  t.true(run.stderr().includes(`${'é'.repeat(20_000)}\nlast line\n`), 'the whole text reached the parent\'s stderr');
  t.like(report, { task: 'writeStderrThenExit', exitCode: 3, signal: null, oom: false });
  const tail = report['stderrTail'] as string;
  t.true((report['tailBytes'] as number) <= 4096 && (report['tailBytes'] as number) >= 4090, `${report['tailBytes'] as number} bytes`);
  t.regex(tail, /^é+\nlast line\n$/, 'whole characters only, up to the last line');
  t.regex(report['message'] as string, /\n {2}its stderr ended with:\n {4}é+\n {4}last line$/, 'the message ends with the tail, indented');
});

test('a worker that writes fast then dies at once: nothing it wrote is lost, to the parent\'s stderr or to the tail', async (t) => {
  const run = runCrashScript(t, 'lines-then-kill', '5000');
  const report = await within(run.report, RUN_MS, 'the script\'s report');
  await within(run.exited, RUN_MS, 'the script to end');
  const pid = report['pid'] as number;
  t.like(report, { task: 'linesThenKill', signal: 'SIGKILL', exitCode: -9 });
  const expected = Array.from({ length: 5000 }, (_, i) => `line ${i} ${pid}\n`).join('');
  t.true(run.stderr().includes(expected), 'every line, in order, on the parent\'s stderr');
  t.true((report['stderrTail'] as string).endsWith(`line 4999 ${pid}\n`), 'the tail ends with the last line written');
});

test('a worker whose heap runs out: WorkerCrashedError with oom and a hint', async (t) => {
  const run = runCrashScript(t, 'heap-exhausted');
  const report = await within(run.report, RUN_MS, 'the script\'s report');
  t.like(report, { task: 'exhaustHeap', signal: 'SIGABRT', exitCode: -6, oom: true });
  t.regex(report['stderrTail'] as string, /JavaScript heap out of memory/);
  t.regex(report['message'] as string, /\n {2}out of memory: the worker's JavaScript heap reached its limit/);
});

test('a worker\'s stderr reaches the parent\'s as it is written, and the worker still dies with its parent', async (t) => {
  const run = runCrashScript(t, 'worker-writes-stderr');
  const { pid } = (await within(run.report, RUN_MS, 'the script\'s report')) as { pid: number };
  t.teardown(() => {
    if (!isGone(pid)) process.kill(pid, 'SIGKILL');
  });
  // The task keeps writing and never returns: its lines can only come through while it runs.
  await waitFor(() => run.stderr().includes(`still writing ${pid}\n`), PROMPT_MS * 2, 'the running task\'s stderr');
  t.false(isGone(pid));
  run.child.kill('SIGKILL');
  await within(run.exited, PROMPT_MS, 'the parent to die');
  await waitFor(() => isGone(pid), PROMPT_MS * 2, `the worker ${pid} to exit after its parent's death`);
  t.pass();
});

test('fault: workers writing to a parent stderr nobody reads any more: the parent goes on', async (t) => {
  const run = runCrashScript(t, 'closed-stderr');
  run.child.stderr!.destroy();
  const report = await within(run.report, RUN_MS, 'the script\'s report');
  t.deepEqual(report, { ok: true, pids: 4 });
  t.like(await within(run.exited, RUN_MS, 'the script to end'), { code: 0, signal: null });
});
