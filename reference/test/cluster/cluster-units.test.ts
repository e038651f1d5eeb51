/**
 * The cluster backend's pieces that need no Redis: how a worker resolves the task a job names (only among the
 * modules it was started with), how it reads a job's data (refusing what is not one of ours), and the wire forms.
 */
import test from 'ava';
import { pathToFileURL } from 'node:url';
import { TaskReferenceError } from '../../src/index.js';
import { TaskResolver } from '../../src/backend/bullmq/task-resolver.js';
import { decodeItems, decodeResult, encodeItems, encodeResult, JOB_VERSION, readJobData } from '../../src/backend/bullmq/job-codec.js';
import { redacted, redisOptions } from '../../src/backend/bullmq/cluster-options.js';
import { listenForCancels, RecentCancels } from '../../src/backend/bullmq/cancel-channel.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { CLUSTER_TASKS } from './cluster-helpers.js';

assertNoOrphans(test);

const local = pathToFileURL(CLUSTER_TASKS).href;

test('cluster: a worker resolves a task at its own URL, or by the same file name elsewhere (another machine\'s path)', async (t) => {
  await import(local);
  const resolver = new TaskResolver([local]);
  t.deepEqual(await resolver.resolve(local, 'square'), { moduleUrl: local, key: 'square' });
  const elsewhere = local.replace(/^file:\/\/\/[^/]+\//, 'file:///somewhere/else/');
  t.deepEqual(await resolver.resolve(elsewhere, 'square'), { moduleUrl: local, key: 'square' });
});

test('cluster: a task resolved once is known at once after (by the name the job gave); a name that failed is not remembered', async (t) => {
  await import(local);
  const resolver = new TaskResolver([local]);
  const elsewhere = local.replace(/^file:\/\/\/[^/]+\//, 'file:///somewhere/else/');
  t.is(resolver.known(elsewhere, 'square'), undefined);
  await resolver.resolve(elsewhere, 'square');
  t.deepEqual(resolver.known(elsewhere, 'square'), { moduleUrl: local, key: 'square' });
  t.is(resolver.known(local, 'square'), undefined, 'each name the jobs use is resolved once');
  await t.throwsAsync(resolver.resolve(local, 'constructor'), { instanceOf: TaskReferenceError });
  t.is(resolver.known(local, 'constructor'), undefined);
  await t.throwsAsync(resolver.resolve('file:///tmp/evil.js', 'square'), { instanceOf: TaskReferenceError });
  t.is(resolver.known('file:///tmp/evil.js', 'square'), undefined);
});

test('cluster: a job naming a module the worker was not started with, or a data: URL, imports nothing and is refused', async (t) => {
  const resolver = new TaskResolver([local]);
  await t.throwsAsync(resolver.resolve('file:///tmp/evil.js', 'square'), { instanceOf: TaskReferenceError, message: /not started with the task module "file:\/\/\/tmp\/evil\.js"/ });
  await t.throwsAsync(resolver.resolve('data:text/javascript,process.exit(9)', 'x'), { instanceOf: TaskReferenceError });
  // A key the module did not register: its module is loaded already, and nothing else is looked up.
  await t.throwsAsync(resolver.resolve(local, 'constructor'), { instanceOf: TaskReferenceError, message: /registers no task named "constructor"/ });
});

test('cluster: a worker refuses job data that is not a chunk of this layout, saying why', (t) => {
  t.regex(readJobData(null) as string, /not an object/);
  t.regex(readJobData({ v: 99 }) as string, /layout 99.*same multiproc version/);
  t.regex(readJobData({ v: JOB_VERSION, m: 'file:///x.js', k: 'f', s: 'yes', p: '' }) as string, /lacks the task/);
  t.deepEqual(readJobData({ v: JOB_VERSION, m: 'file:///x.js', k: 'f', s: false, p: 'AA' }), { v: JOB_VERSION, m: 'file:///x.js', k: 'f', s: false, p: 'AA' });
});

test('cluster: items and results cross Redis as V8 bytes, keeping what JSON would change', (t) => {
  const items = [undefined, 1n, new Map([[1, 2]]), -0, new Date(5)];
  t.deepEqual(decodeItems(encodeItems(items)), items);
  const packed = new Float64Array([1.5, -0, NaN]);
  t.deepEqual(decodeItems(encodeItems(packed)), packed);
  t.deepEqual(decodeResult(encodeResult([0, [1, 2]])), [0, [1, 2]]);
  t.throws(() => decodeResult(42), { instanceOf: TypeError, message: /not the encoded result/ });
  t.throws(() => decodeResult(encodeResult([1, 2, 3, 4])), { instanceOf: TypeError, message: /not the result of one chunk/ });
});

test('cluster: connection URLs become ioredis options; a password never shows in what errors print', (t) => {
  t.like(redisOptions('redis+unix:///tmp/r.sock'), { path: '/tmp/r.sock', maxRetriesPerRequest: null });
  t.like(redisOptions('rediss://u:p%40ss@h.example:6380/2'), { host: 'h.example', port: 6380, username: 'u', password: 'p@ss', db: 2, tls: {} });
  t.like(redisOptions('redis://[::1]'), { host: '::1', port: 6379 });
  t.throws(() => redisOptions('http://h'), { instanceOf: TypeError, message: /redis:\/\/, rediss:\/\/ or redis\+unix:\/\// });
  t.is(redacted('redis://u:secret@h:1'), 'redis://u:***@h:1');
  t.is(redacted({ host: 'h', port: 2, password: 'secret' }), 'h:2');
});

test('cancel channel: a Redis user refused the queue\'s channel (an ACL with resetchannels) stops the worker command with the grant to add', async (t) => {
  let disconnected = false;
  const subscriber = {
    on: () => subscriber,
    subscribe: async () => { throw new Error('NOPERM this user has no permissions to access one of the channels used as arguments'); },
    disconnect: () => void (disconnected = true),
  };
  const worker = {
    toKey: (type: string) => `bull:squares:${type}`,
    backend: { client: Promise.resolve({ duplicate: () => subscriber }) },
    cancelJob: () => false,
  };
  const error = await t.throwsAsync(listenForCancels(worker as never, new RecentCancels()), { name: 'ClusterError' });
  t.regex(error!.message, /subscribe this worker to bull:squares:multiproc:cancel/);
  t.regex(error!.message, /NOPERM/);
  t.regex(error!.message, /ACL SETUSER <user> '&bull:squares:\*'/);
  t.true(disconnected, 'its subscriber connection is closed');
});
