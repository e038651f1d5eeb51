/**
 * The parent's side of one worker, driven by hand (no pool, no window): what it sends in one batch, what it
 * takes back, and what it says was lost when the worker dies.
 */
import { pathToFileURL } from 'node:url';
import test from 'ava';
import type { ChunkFailure } from '../../src/pool/argument-check.js';
import type { Task as Chunk } from '../../src/pool/task.js';
import { WorkerHandle } from '../../src/pool/worker-handle.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

const SQUARE = { moduleUrl: pathToFileURL(modulePath(import.meta.url, '../fixtures/channel-tasks')).href, key: 'square' };

function chunk(seq: number, args: unknown[]): Chunk {
  return { seq, job: seq, start: 0, fn: 0, items: [args], star: true, queues: undefined };
}

test('a chunk sent to an idle worker behind an unsendable one counts as never received when the worker dies at once', async (t) => {
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  let closed!: (lost: ReturnType<WorkerHandle['takeLost']>) => void;
  const lost = new Promise<ReturnType<WorkerHandle['takeLost']>>((resolve) => (closed = resolve));
  const failures: ChunkFailure[] = [];
  const worker = new WorkerHandle(
    { kind: 'init', name: 'PoolWorker-H', identity: [9], parent: { name: 'MainProcess', pid: process.pid }, initializer: null, initargs: [], initQueues: [], maxTasks: null },
    {
      message: (w, message) => {
        if ((message as { kind?: unknown }).kind === 'ready') {
          w.markReady();
          ready();
        }
      },
      unsendable: (_w, failed) => failures.push(...failed),
      closed: (w) => closed(w.takeLost()),
    },
  );
  t.teardown(() => worker.kill(new Error('test over')));
  await within(isReady, RUN_MS, 'the worker to be ready');
  // Stopped, the worker cannot read what is sent to it before it dies.
  process.kill(worker.pid, 'SIGSTOP');
  worker.assign(chunk(1, [() => 1]), SQUARE);
  worker.assign(chunk(2, [7]), SQUARE);
  await null; // the batch went, without the unsendable chunk
  worker.kill(new Error('killed by the test'));
  const { running, notStarted } = await within(lost, RUN_MS, 'the worker to be gone');
  t.deepEqual(failures.map((failure) => failure.chunk.seq), [1]);
  t.deepEqual(running.map((c) => c.seq), [], 'no chunk is blamed: the worker may never have read the batch');
  t.deepEqual(notStarted.map((c) => c.seq), [2]);
});

const PAUSE = { ...SQUARE, key: 'pauseThen' };

test('a worker gives back the chunks queued behind a long one when asked, and only those it was asked for', async (t) => {
  const kinds: string[] = [];
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  let released!: (seqs: number[]) => void;
  const gaveBack = new Promise<number[]>((resolve) => (released = resolve));
  let answered!: (count: number) => void;
  const results = new Promise<number>((resolve) => (answered = resolve));
  const worker = new WorkerHandle(
    { kind: 'init', name: 'PoolWorker-R', identity: [8], parent: { name: 'MainProcess', pid: process.pid }, initializer: null, initargs: [], initQueues: [], maxTasks: null },
    {
      message: (w, message) => {
        const m = message as { kind: string; seqs?: number[]; count?: number };
        kinds.push(m.kind);
        if (m.kind === 'ready') {
          w.markReady();
          ready();
        } else if (m.kind === 'released') released(m.seqs!);
        else if (m.kind === 'results' && m.count! > 0) answered(m.count!);
      },
      unsendable: () => undefined,
      closed: () => undefined,
    },
  );
  t.teardown(() => worker.kill(new Error('test over')));
  await within(isReady, RUN_MS, 'the worker to be ready');
  const long = { ...chunk(1, [800, 'long']), fn: 1 };
  worker.assign(long, PAUSE);
  worker.assign({ ...chunk(2, [800, 'behind']), fn: 1 }, PAUSE);
  worker.assign({ ...chunk(3, [800, 'last']), fn: 1 }, PAUSE);
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.regex(String(worker.takeReleased([2])), /^a "released" message for chunks 2, not all of which it was asked to give back$/,
    'a chunk the worker was never asked to give back');
  t.true(worker.releaseQueued(), 'asked for the two chunks behind the running one');
  t.false(worker.releaseQueued(), 'asked once only');
  const seqs = await within(gaveBack, RUN_MS, 'the worker to give chunks back');
  t.deepEqual(seqs, [2, 3]);
  const taken = worker.takeReleased(seqs);
  t.deepEqual(Array.isArray(taken) ? taken.map((c) => c.seq) : taken, [2, 3]);
  t.deepEqual(worker.inflight.map((c) => c.seq), [1], 'the running chunk stays');
  t.is(await within(results, RUN_MS, 'the long chunk\'s result'), 1, 'one result: the long chunk\'s, and nothing for those given back');
  t.deepEqual(kinds.filter((kind) => kind === 'released'), ['released']);
});
