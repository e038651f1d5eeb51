/**
 * Process options beyond `target` and `args`: `kwargs` (Python's keyword arguments, the target's last
 * parameter), `stderr: 'pipe'` (a Node extension); and what a process knows of its family: `parentProcess()`
 * and `activeChildren()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import test from 'ava';
import { activeChildren, currentProcess, parentProcess, Pool, Process, SerializationError } from '../../src/index.js';
import { parentOfWorker, writeArgCount, writeParent, writeScaled } from '../fixtures/process-extras-tasks.js';
import { cleanUp as cleanUpPools } from '../pool/helpers.js';
import { exitWith, returnNothing, sleepFor, throwValueError } from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, PROMPT_MS, RUN_MS, tempDir, waitFor, within } from './helpers.js';

assertNoOrphans(test);

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

test('kwargs reach the target as its last argument, after args', async (t) => {
  const file = join(tempDir(t), 'out.json');
  const p = new Process({ target: writeScaled, args: [file, 5], kwargs: { scale: 3, offset: 1 } });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0);
  t.is(readJson(file), 16);
});

test("kwargs {} passes one empty object (Python's kwargs={} passes nothing): the target's defaults apply", async (t) => {
  const dir = tempDir(t);
  const scaled = new Process({ target: writeScaled, args: [join(dir, 'scaled.json'), 5], kwargs: {} });
  const counted = new Process({ target: writeArgCount, args: [join(dir, 'count.json')], kwargs: {} as never });
  const plain = new Process({ target: writeArgCount, args: [join(dir, 'plain.json')] });
  cleanUp(t, scaled, counted, plain);
  for (const p of [scaled, counted, plain]) p.start();
  for (const p of [scaled, counted, plain]) await within(p.join(), RUN_MS, 'join()');
  t.is(readJson(join(dir, 'scaled.json')), 5);
  t.deepEqual(readJson(join(dir, 'count.json')), [{}], 'kwargs {} is one more argument');
  t.deepEqual(readJson(join(dir, 'plain.json')), [], 'without kwargs nothing more is passed');
});

test("kwargs are typed as the target's last parameter, and args as the parameters before it", (t) => {
  // Type checks (npx tsc): each line below must fail to compile.
  // @ts-expect-error scale must be a number
  const wrongType = () => new Process({ target: writeScaled, args: ['f', 5], kwargs: { scale: 'x' } });
  // @ts-expect-error with kwargs, args are the leading parameters only
  const kwargsTwice = () => new Process({ target: writeScaled, args: ['f', 5, {}], kwargs: {} });
  t.is(typeof wrongType, 'function');
  t.is(typeof kwargsTwice, 'function');
  t.is(new Process({ target: writeScaled, args: ['f', 5], kwargs: { offset: 1 } }).name.startsWith('Process-'), true);
});

test('bad input: kwargs that is not a plain object throws a TypeError that names kwargs', (t) => {
  for (const kwargs of [[1, 2], 'scale', 3, null, new Map()]) {
    t.throws(() => new Process({ target: writeScaled, args: ['f', 1], kwargs: kwargs as never }), {
      instanceOf: TypeError,
      message: /^new Process\(options\): kwargs must be a plain object of keyword arguments/,
    });
  }
});

test('bad input: a kwargs value that cannot be sent throws SerializationError naming kwargs', (t) => {
  t.throws(() => new Process({ target: writeScaled, args: ['f', 1], kwargs: { scale: (() => 2) as never } }), {
    instanceOf: SerializationError,
    message: /Process argument kwargs/,
  });
});

/** Everything the stream gives until it ends (bounded). */
async function readAll(stream: Readable | null): Promise<string> {
  if (stream === null) throw new Error('no stderr stream');
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await within(new Promise((resolve) => stream.once('close', resolve)), RUN_MS, 'stderr to close');
  return text;
}

test("stderr: 'pipe' makes the child's stderr readable: a failing target's header and its error with the message", async (t) => {
  const p = new Process({ target: throwValueError, args: ['no such thing'], name: 'Failing-One', stderr: 'pipe' });
  cleanUp(t, p);
  t.is(p.stderr, null, 'no stream before start()');
  p.start();
  const text = readAll(p.stderr);
  await within(p.join(), RUN_MS, 'join()');
  const printed = await text;
  t.is(p.exitCode, 1);
  t.regex(printed, /^Process Failing-One:$/m);
  t.regex(printed, /ValueError: no such thing/);
});

test("stderr: 'pipe' shows what Node prints for a non-numeric exit status: exit code 1 and the status", async (t) => {
  const p = new Process({ target: exitWith, args: ['bye now' as never], stderr: 'pipe' });
  cleanUp(t, p);
  p.start();
  const text = readAll(p.stderr);
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 1);
  t.regex(await text, /bye now/);
});

test("stderr is inherited by default: Process.stderr stays null", async (t) => {
  const p = new Process({ target: returnNothing });
  cleanUp(t, p);
  p.start();
  t.is(p.stderr, null);
  await within(p.join(), RUN_MS, 'join()');
});

test("bad input: stderr other than 'inherit' or 'pipe' throws a TypeError", (t) => {
  t.throws(() => new Process({ target: returnNothing, stderr: 'ignore' as never }), {
    instanceOf: TypeError,
    message: "new Process(options): stderr must be 'inherit' or 'pipe', got a string ('ignore')",
  });
});

test('parentProcess() is null in the main process', (t) => {
  t.is(parentProcess(), null);
});

test("parentProcess() in a child reports the parent's name and pid, and that it is alive", async (t) => {
  const file = join(tempDir(t), 'parent.json');
  const p = new Process({ target: writeParent, args: [file] });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0);
  t.deepEqual(readJson(file), { name: currentProcess().name, pid: process.pid, alive: true });
});

test("parentProcess() in a pool worker reports the pool's process", async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUpPools(t, pool);
  t.deepEqual(await within(pool.map(parentOfWorker, [0, 1]), RUN_MS, 'map()'), [0, 1].map(() => ({ name: 'MainProcess', pid: process.pid })));
});

test('activeChildren() lists the started children that run, and drops each once it has exited, joined or not', async (t) => {
  const short = new Process({ target: sleepFor, args: [10] });
  const long = new Process({ target: sleepFor, args: [RUN_MS] });
  const unstarted = new Process({ target: returnNothing });
  cleanUp(t, short, long, unstarted);
  // The other tests of this file run children at the same time: only these three are looked at.
  const listed = () => activeChildren().filter((p) => p === short || p === long || p === unstarted);
  t.deepEqual(listed(), []);
  short.start();
  long.start();
  t.deepEqual(listed(), [short, long]);
  await waitFor(() => !listed().includes(short), RUN_MS, 'the short child to leave the list');
  t.deepEqual(listed(), [long], 'the short child left the list without join()');
  long.kill();
  await within(long.join(), PROMPT_MS, 'join() after kill()');
  t.deepEqual(listed(), []);
});
