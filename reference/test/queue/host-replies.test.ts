/**
 * What a queue's users in other processes are told when the host cannot serve a request: a get whose item the
 * host cannot write, a connection the host refuses. Each answer names its cause; nothing is lost on the way.
 */
import test from 'ava';
import { Queue, SerializationError } from '../../src/index.js';
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
