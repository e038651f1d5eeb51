/**
 * readResults (pool/bytes.ts) refuses a failed result whose shape taskError cannot read: a cluster result comes
 * from Redis, where anyone may write, and a `remote` that is not an object (null, a number) made taskError throw
 * inside the link's flush, so the chunk's call never settled.
 */
import { serialize } from 'node:v8';
import test from 'ava';
import { readResults } from '../../src/pool/bytes.js';
import { encodeError } from '../../src/remote-error.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const failed = (remote: unknown) => serialize([0, { values: [], failedAt: 0, error: encodeError(new Error('boom')), remote }]);

for (const [what, remote] of [['null', null], ['a number', 7], ['a string', 'host:1']] as const) {
  test(`a failed result whose remote is ${what} is malformed, not read`, (t) => {
    t.deepEqual(readResults(failed(remote), 1), { malformed: 'a failed result of chunk 0 with a malformed origin' });
  });
}

test('a failed result with a remote object, or without one, is read', (t) => {
  const remote = { host: 'h', pid: 12, worker: 'h:11' };
  const read = readResults(failed(remote), 1);
  t.true('results' in read && read.results[0]!.ok === false && (read.results[0] as { remote?: unknown }).remote !== undefined);
  const bare = readResults(serialize([0, { values: [], failedAt: 0, error: encodeError(new Error('boom')) }]), 1);
  t.true('results' in bare);
});
