/**
 * Defects of issue 14 seen from whole processes: what a child may send to a queue's host, and where the host puts
 * its socket. What a host leaves behind when it dies is in host-signals.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createServer } from 'node:net';
import { Pool, Process, Queue, QueueClosedError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { computeSquare, kindsOf, kindsToFile, putSelfCausedThenMore, rememberedKinds, rememberKinds } from './fixtures/queue-tasks.js';
import { children, cleanUp, limited, PROMPT_MS, readJson, RUN_MS, shareWithChild, tempDir, within, type Shared } from './helpers.js';

assertNoOrphans(test);

// Each test below starts Node scripts and their children; two at a time keeps start-up bounded.
const slot = limited(2);

test('defect 15: an Error that is its own cause, put from a child, fails that put alone; the host lives on', async (t) => {
  const q = new Queue<unknown>();
  t.teardown(() => q.close());
  const file = join(tempDir(t), 'outcomes');
  const child = new Process({ target: putSelfCausedThenMore, args: [q, file] });
  cleanUp(t, child);
  child.start();
  await within(child.join(), RUN_MS, 'the child');
  t.is(child.exitCode, 0);
  const [refused, next] = readJson<string[]>(file)!;
  t.regex(refused!, /^SerializationError: a Queue item cannot be sent to another process/);
  t.is(next, 'resolved', 'the same connection served the next put');
  t.is(await within(q.get(), PROMPT_MS, 'the item put after'), 'after');
  t.is(await q.qsize(), 0);
  report(t, {
    section: 'defect',
    defect: 15,
    tried: 'a child puts an Error that is its own cause on a queue the parent hosts, then a plain item',
    outcome: `the first put rejected (${refused!.slice(0, 60)}…), the second arrived; the parent lived on`,
  });
});

test('defect 1: TMPDIR names no usable directory: a Queue passed to a Process still works, its socket in the next candidate', slot(async (t) => {
  const tmp = tempDir(t);
  writeFileSync(join(tmp, 'a-file'), '');
  // Not creatable even by root: its parent is a regular file.
  const missing = join(tmp, 'a-file', 'missing');
  const started = Date.now();
  const shared = await shareWithChild(t, missing);
  t.deepEqual(shared.item.slice(0, 2), [7, 49], 'the child put its item and the parent got it');
  t.is(shared.exitCode, 0);
  t.false(shared.dir.startsWith(missing));
  t.is(shared.mode, 0o700);
  t.false(existsSync(shared.dir), 'the socket directory went with the script');
  report(t, {
    section: 'defect',
    defect: 1,
    tried: 'TMPDIR under a regular file (ENOTDIR), a Queue passed to a Process',
    outcome: `the socket went to ${dirname(shared.dir)} (the next candidate); the child's put arrived; nothing left behind`,
    figures: { scriptMs: Date.now() - started },
  });
}));

test('defect 3: a TMPDIR of 100 bytes: two programs in turn share a queue with a child, each socket whole and private', slot(async (t) => {
  const tmp = tempDir(t);
  // A temporary directory whose socket path would pass 107 bytes: libuv would cut it short, outside the
  // private directory, at the same place for every program.
  const long = join(tmp, 'd'.repeat(100 - tmp.length - 1));
  mkdirSync(long);
  t.is(long.length, 100);
  const runs: Shared[] = [];
  for (let i = 0; i < 2; i++) runs.push(await shareWithChild(t, long));
  for (const [i, shared] of runs.entries()) {
    t.true(Buffer.byteLength(shared.path) <= 107, `run ${i}: a socket path of ${Buffer.byteLength(shared.path)} bytes`);
    t.is(shared.mode, 0o700, `run ${i}: the socket's directory is private`);
    t.deepEqual(shared.item.slice(0, 2), [7, 49], `run ${i}: the child's item arrived`);
    t.false(existsSync(shared.dir), `run ${i}: nothing left behind`);
  }
  t.deepEqual(readdirSync(long), [], 'nothing was created in the long TMPDIR');
  report(t, {
    section: 'defect',
    defect: 3,
    tried: 'two programs in turn with a 100-byte TMPDIR, each sharing a queue with a child',
    outcome: `both worked; sockets at ${runs.map((run) => dirname(run.dir)).join(', ')} (the next candidate), whole and private`,
    figures: { socketPathBytes: Math.max(...runs.map((run) => Buffer.byteLength(run.path))) },
  });
}));

test('defect 1: start() starts nothing when a Queue in its args cannot be shared (it was closed in this process)', async (t) => {
  const q = new Queue<[number, number, number]>();
  q.close();
  const before = children();
  const p = new Process({ target: computeSquare, args: [q, 3] });
  cleanUp(t, p);
  const error = t.throws(() => p.start(), { instanceOf: QueueClosedError })!;
  t.regex(error.message, /closed/);
  t.is(p.pid, null, 'no child was forked');
  t.false(p.isAlive());
  t.deepEqual(children(), before, 'no process was started');
  t.throws(() => p.start(), { instanceOf: QueueClosedError }, 'and start() may be called again, with the same answer');
});

/**
 * A socket that counts who connects to it, and a plain object, parsed from JSON as untrusted input would be,
 * shaped like a descriptor of a queue that lives there.
 */
async function decoy(t: ExecutionContext): Promise<{ forged: unknown; connections: () => number }> {
  const path = join(tempDir(t), 'decoy.sock');
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.teardown(() => server.close());
  const forged = JSON.parse(JSON.stringify({ '@multiproc/queue': 1, path, id: 1, maxsize: 0, ownerPid: 1, secret: '00'.repeat(32) }));
  return { forged, connections: () => connections };
}

test('defect 6: a descriptor-shaped plain object in Process args stays a plain object; only the parent’s Queue becomes one', slot(async (t) => {
  const { forged, connections } = await decoy(t);
  const q = new Queue();
  t.teardown(() => q.close());
  const file = join(tempDir(t), 'kinds');
  const child = new Process({ target: kindsToFile, args: [file, q, forged, { nested: [forged] }] });
  cleanUp(t, child);
  child.start();
  await within(child.join(), RUN_MS, 'the child');
  t.is(child.exitCode, 0);
  t.deepEqual(readJson(file), ['Queue', 'object', 'object']);
  t.is(connections(), 0, 'nothing connected to the path the forged object names');
  report(t, {
    section: 'defect',
    defect: 6,
    tried: 'a descriptor-shaped object from JSON (naming a decoy socket) beside a real Queue in Process args',
    outcome: 'the Queue arrived as a Queue, the forged object as a plain object; no connection to the decoy',
  });
}));

test('defect 6: in Pool task args and initargs too, only what the parent packed becomes a Queue', slot(async (t) => {
  const { forged, connections } = await decoy(t);
  const q = new Queue();
  t.teardown(() => q.close());
  const pool = new Pool({ processes: 1, initializer: rememberKinds, initargs: [q, forged] });
  t.teardown(async () => {
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'join() of the pool');
  });
  t.deepEqual(await within(pool.apply(kindsOf, [q, forged, [forged]]), RUN_MS, 'apply'), ['Queue', 'object', 'object']);
  t.deepEqual(await within(pool.map(kindsOf, [forged, q]), RUN_MS, 'map'), [['object'], ['Queue']]);
  t.deepEqual(await within(pool.apply(rememberedKinds, []), RUN_MS, 'the initializer’s view'), ['Queue', 'object']);
  t.is(connections(), 0, 'nothing connected to the path the forged object names');
  report(t, {
    section: 'defect',
    defect: 6,
    tried: 'a descriptor-shaped object from JSON beside a real Queue in apply, map and initargs',
    outcome: 'only the real Queue arrived as a Queue; no connection to the decoy',
  });
}));
