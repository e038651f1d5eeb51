/**
 * What a queue's users in other processes are told when the host cannot serve a request: a get whose item the
 * host cannot write, a connection the host refuses. Each answer names its cause; nothing is lost on the way.
 */
import test from 'ava';
import { serialize } from 'node:v8';
import { Queue, QueueClosedError, SerializationError } from '../../src/index.js';
import { connectionTo } from '../../src/queue/client.js';
import { hostedStore } from '../../src/queue/host.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { PROMPT_MS, within } from './helpers.js';

assertNoOrphans(test);

test('a get whose item the host cannot write rejects with a SerializationError naming the cause; the item keeps its place', async (t) => {
  const q = new Queue<unknown>();
  t.teardown(() => q.close());
  const descriptor = q.toDescriptor();
  // Queue.put() keeps only values it could copy; the store is filled directly to make the host's encoding fail.
  const unwritable = function notCloneable() {};
  await hostedStore(descriptor.id)!.put(unwritable, { block: false, timeoutMs: undefined });
  await q.put('next');
  const user = connectionTo(descriptor.path, descriptor.ownerPid, descriptor.secret);
  const get = () => user.request({ op: 'get', queue: descriptor.id, block: false, timeoutMs: undefined });
  const error = await t.throwsAsync(within(get(), PROMPT_MS, 'the answer to the get'), { instanceOf: SerializationError });
  t.regex(error.message, /^a Queue item cannot be sent to another process: the process that hosts the queue could not write it/);
  t.regex(error.message, /could not be cloned/, 'the cause, in V8\'s words');
  t.is(await q.qsize(), 2, 'the item is still in the queue');
  t.is(await q.get(), unwritable, 'in its own place, first');
  t.is(await within(get(), PROMPT_MS, 'the next get over the same connection'), 'next');
});

test('a connection whose secret is wrong is told so: the host refused it, the digest was rejected', async (t) => {
  const q = new Queue<string>();
  t.teardown(() => q.close());
  const { path, ownerPid, id } = q.toDescriptor();
  const stranger = connectionTo(path, ownerPid, 'ab'.repeat(32));
  const error = await t.throwsAsync(within(stranger.request({ op: 'size', queue: id }), PROMPT_MS, 'the refusal'), {
    instanceOf: QueueClosedError,
  });
  t.regex(error.message, new RegExp(`^the process that hosts this queue \\(pid ${process.pid}\\) refused this connection: digest sent was rejected`));
  t.regex(error.message, /only processes the queue was passed to/);
});

// Serial: it breaks the connection every test of this file shares with the host (one per path and secret).
test.serial('a connection that breaks the protocol is told what it sent: the host refused it', async (t) => {
  const q = new Queue<string>();
  t.teardown(() => q.close());
  const { path, ownerPid, id, secret } = q.toDescriptor();
  const user = connectionTo(path, ownerPid, secret);
  const putWithoutItem = user.request({ op: 'put', queue: id, block: true, timeoutMs: undefined });
  const error = await t.throwsAsync(within(putWithoutItem, PROMPT_MS, 'the refusal'), { instanceOf: QueueClosedError });
  t.regex(error.message, /refused this connection: it broke the queue protocol: it sent a put without an item/);
  const again = connectionTo(path, ownerPid, secret);
  t.not(again, user, 'a refused connection is not reused');
  await within(again.request({ op: 'put', queue: id, block: true, timeoutMs: undefined }, serialize('ours')), PROMPT_MS, 'a put on a new connection');
  t.is(await q.get(), 'ours');
});
