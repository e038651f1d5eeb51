/** The chunk flag that turns progress on in the worker: set only for a call given onProgress, and read back as such. */
import test from 'ava';
import { decodeChunks, encodeChunks } from '../../src/backend/child-process/wire.js';
import { CallProgress } from '../../src/pool/progress.js';
import type { Task } from '../../src/pool/task.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const chunk = (progress?: CallProgress): Task => ({ seq: 1, job: 0, start: 0, fn: 0, items: [1, 2], star: true, progress });

test('a chunk of a call without onProgress goes as before: no flag, and the worker does not report', (t) => {
  const wire = encodeChunks([chunk()]);
  t.deepEqual(wire, [1, 0, 1, [1, 2]], 'seq, fn, flags (star only), items');
  t.false(decodeChunks(wire)[0]!.reports);
});

test('a chunk of a call given onProgress carries the flag, and the worker reports', (t) => {
  const progress = new CallProgress(() => undefined, 2, { method: 'map', onError: undefined });
  const [decoded] = decodeChunks(encodeChunks([chunk(progress)]));
  t.true(decoded!.reports);
  t.true(decoded!.star);
  t.deepEqual(decoded!.items, [1, 2]);
});
