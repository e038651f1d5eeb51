/**
 * Nothing received from a channel is evaluated as code (issue 14, security): a task reference resolves only to
 * an export that a file: module registered. Forged messages are sent straight to a Process child and a pool
 * worker (their entry files forked by hand) and must be refused without the named code running.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import test from 'ava';
import { childExecArgv } from '../src/child-flags.js';
import { TaskReferenceError } from '../src/errors.js';
import { loadTask } from '../src/task-registry.js';
import { report } from '../../test-support/reliability.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { modulePath } from '../../test-support/repo-paths.js';
import { RUN_MS, tempDir, within } from './process/helpers.js';

assertNoOrphans(test);

const CHILD_MAIN = modulePath(import.meta.url, '../src/process/child-main');
const WORKER_MAIN = modulePath(import.meta.url, '../src/backend/child-process/worker-main');
const TASKS_URL = pathToFileURL(modulePath(import.meta.url, './fixtures/channel-tasks')).href;

/** Module URLs that would run code of the sender's choosing if they were imported; each would write `file`. */
function forgedUrls(file: string): Record<string, string> {
  const code = `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(file)}, 'forged code ran'); export default 1;`;
  return {
    'a data: URL': `data:text/javascript,${encodeURIComponent(code)}`,
    'a node: URL': 'node:child_process',
    'an http: URL': 'http://127.0.0.1:9/task.js',
    'no URL at all': 'child_process',
  };
}

function start(t: Parameters<typeof tempDir>[0], entry: string): { child: ChildProcess; messages: unknown[]; exited: Promise<number | null> } {
  const child = fork(entry, [], { execArgv: childExecArgv(), serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr!.resume();
  const messages: unknown[] = [];
  child.on('message', (message) => messages.push(message));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, messages, exited };
}

async function waitForMessage(messages: unknown[], kind: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + RUN_MS;
  for (;;) {
    const found = messages.find((m) => (m as { kind?: unknown }).kind === kind);
    if (found !== undefined) return found as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`no "${kind}" message in ${RUN_MS} ms; got ${JSON.stringify(messages)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('security: loadTask refuses a module that is not a file: URL, and never imports it', async (t) => {
  const file = join(tempDir(t), 'pwned.txt');
  for (const [what, moduleUrl] of Object.entries(forgedUrls(file))) {
    const error = await t.throwsAsync(loadTask({ moduleUrl, key: 'default' }), { instanceOf: TaskReferenceError }, what);
    t.regex(error?.message ?? '', /tasks are found only in file: modules/, what);
  }
  await t.throwsAsync(loadTask({ moduleUrl: 42, key: 'x' } as never), { instanceOf: TaskReferenceError });
  await t.throwsAsync(loadTask(null as never), { instanceOf: TaskReferenceError });
  t.false(existsSync(file), 'the forged module ran');
});

test('security: a Process child refuses a forged start message naming another module or an unregistered export', async (t) => {
  const dir = tempDir(t);
  const tried: string[] = [];
  const cases: [string, { moduleUrl: string; key: string }, string][] = [
    ...Object.entries(forgedUrls(join(dir, 'data.txt'))).map(([what, moduleUrl]) => [what, { moduleUrl, key: 'default' }, join(dir, 'data.txt')] as [string, { moduleUrl: string; key: string }, string]),
    ['an export the module did not register', { moduleUrl: TASKS_URL, key: 'unregisteredWriter' }, join(dir, 'export.txt')],
  ];
  for (const [what, task, file] of cases) {
    const { child, messages, exited } = start(t, CHILD_MAIN);
    child.send({ kind: 'start', task, args: [file], name: 'Forged-1', daemon: false, identity: [1], parent: { name: 'MainProcess', pid: process.pid } });
    const code = await within(exited, RUN_MS, `the child given ${what}`);
    t.is(code, 1, what);
    const report = await waitForMessage(messages, 'target-error');
    const error = deserialize(report['error'] as Uint8Array) as { name: string; message: string };
    t.is(error.name, 'TaskReferenceError', what);
    t.false(existsSync(file), `${what}: the forged code ran`);
    tried.push(`${what} → ${error.name}`);
  }
  report(t, {
    section: 'security',
    tried: `forged start messages sent straight to a Process child: ${cases.map(([what]) => what).join('; ')}`,
    outcome: `each refused with exit code 1, nothing named ran (no file written): ${tried.join('; ')}`,
    figures: { forged: cases.length },
  });
});

test('security: a pool worker refuses a forged initializer and forged task definitions', async (t) => {
  const dir = tempDir(t);
  const initFile = join(dir, 'init.txt');
  const worker = start(t, WORKER_MAIN);
  worker.child.send({ kind: 'init', name: 'PoolWorker-F', identity: [1], parent: { name: 'MainProcess', pid: process.pid }, maxTasks: null, initargs: [],
    initializer: { moduleUrl: forgedUrls(initFile)['a data: URL']!, key: 'default' } });
  const initError = deserialize((await waitForMessage(worker.messages, 'init-error'))['error'] as Uint8Array) as { name: string };
  t.is(initError.name, 'TaskReferenceError');
  t.false(existsSync(initFile), 'the forged initializer ran');

  const taskFile = join(dir, 'task.txt');
  const exportFile = join(dir, 'export.txt');
  const other = start(t, WORKER_MAIN);
  other.child.send({ kind: 'init', name: 'PoolWorker-G', identity: [2], parent: { name: 'MainProcess', pid: process.pid }, maxTasks: null, initargs: [], initializer: null });
  await waitForMessage(other.messages, 'ready');
  other.child.send({
    kind: 'batch',
    defines: [
      { id: 0, task: { moduleUrl: forgedUrls(taskFile)['a data: URL']!, key: 'default' } },
      { id: 1, task: { moduleUrl: TASKS_URL, key: 'unregisteredWriter' } },
    ],
    chunks: [0, 0, 1, [[taskFile]], 1, 1, 1, [[exportFile]]],
  });
  // The worker may answer the two chunks in one message or two: wait for both.
  const results = (): unknown[] => other.messages
    .filter((m) => (m as { kind?: unknown }).kind === 'results')
    .flatMap((m) => {
      const { results: wire } = m as { results: Uint8Array | unknown[] };
      return wire instanceof Uint8Array ? deserialize(wire) as unknown[] : wire;
    });
  const deadline = Date.now() + RUN_MS;
  while (results().length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const [, first, , second] = results();
  const names = [first, second].map((failure) => (failure as { error?: { name: string } } | undefined)?.error?.name);
  t.deepEqual(names, ['TaskReferenceError', 'TaskReferenceError']);
  t.false(existsSync(taskFile), 'the forged task module ran');
  t.false(existsSync(exportFile), 'the unregistered export ran');
  report(t, {
    section: 'security',
    tried: 'a forged initializer (data: URL) and forged task definitions (data: URL; an unregistered export of a real module) sent straight to a pool worker',
    outcome: 'each refused with TaskReferenceError; nothing named ran (no file written)',
    figures: { forged: 3 },
  });
});
