/**
 * ConnectionHold on its own (no Redis): which handles an idle cluster pool unrefs and a busy one refs, and that a
 * socket ioredis opens again after a reconnect takes the state current then.
 */
import test from 'ava';
import { EventEmitter } from 'node:events';
import { ConnectionHold } from '../../src/backend/bullmq/connection-hold.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** A handle that remembers whether it is ref'd. */
class Handle {
  refd = true;
  ref(): void {
    this.refd = true;
  }
  unref(): void {
    this.refd = false;
  }
}

/** The parts of an ioredis client the hold touches: a socket, a reconnect timer, connect/reconnecting events. */
class FakeClient extends EventEmitter {
  stream = new Handle();
  reconnectTimeout: Handle | undefined;
}

test('cluster: an idle pool\'s sockets are unref\'d, a busy one\'s ref\'d, counted over its links', (t) => {
  const hold = new ConnectionHold();
  const a = new FakeClient();
  const b = new FakeClient();
  hold.adopt(a);
  hold.adopt(b);
  t.false(a.stream.refd, 'adopted while idle: unref\'d at once');
  hold.hold(true);
  hold.hold(true);
  t.true(a.stream.refd && b.stream.refd);
  hold.hold(false);
  t.true(a.stream.refd, 'one link still has work');
  hold.hold(false);
  t.false(a.stream.refd || b.stream.refd);
});

test('cluster: a socket opened by a reconnect, and the reconnect timer, follow the hold', (t) => {
  const hold = new ConnectionHold();
  const client = new FakeClient();
  hold.adopt(client);
  client.reconnectTimeout = new Handle();
  client.emit('reconnecting');
  t.false(client.reconnectTimeout.refd, 'an idle pool waits for no reconnect');
  client.stream = new Handle();
  client.emit('connect');
  t.false(client.stream.refd);
  hold.hold(true);
  client.stream = new Handle();
  client.stream.unref();
  client.emit('connect');
  t.true(client.stream.refd, 'a busy pool\'s new socket holds the process');
});

test('cluster: the reconciler\'s timer holds the process only while the pool is busy', (t) => {
  const hold = new ConnectionHold();
  const timer = setInterval(() => undefined, 60_000);
  try {
    hold.timer(timer);
    t.false(timer.hasRef());
    hold.hold(true);
    t.true(timer.hasRef());
    hold.hold(false);
    t.false(timer.hasRef());
  } finally {
    clearInterval(timer);
  }
});
