import test from 'ava';
import { checkAnswers, checkFromWorker } from '../../src/pool/check-message.js';
import type { ChunkResult } from '../../src/backend/protocol.js';
import type { Task as Chunk } from '../../src/pool/task.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test('the pool\'s own messages pass as they are', (t) => {
  for (const message of [
    { kind: 'ready' },
    { kind: 'received', seq: 3 },
    { kind: 'init-error', error: new Uint8Array(2) },
    { kind: 'results', count: 0, results: [] },
    { kind: 'results', count: 1, results: new Uint8Array(4), through: 9 },
    { kind: 'results', count: 1, results: [], crashed: 1 },
    { kind: 'results', count: 1, results: [], retiredRemotely: 2 },
    { kind: 'progress', seq: 2, offset: 0, value: { any: 'thing' } },
    { kind: 'released', seqs: [4, 5] },
  ] as unknown[]) t.is(checkFromWorker(message), message as never, JSON.stringify(message));
});

test('defect 11: anything else is described, never thrown', (t) => {
  const cases: [unknown, string][] = [
    [42, 'a message that is 42'],
    [null, 'a message that is null'],
    ['ready', 'a message that is "ready"'],
    [{ kind: 'surprise' }, 'a message of unknown kind "surprise"'],
    [{}, 'a message of unknown kind undefined'],
    [{ kind: 'received' }, 'a "received" message without a chunk number'],
    [{ kind: 'progress', offset: 0 }, 'a "progress" message without a chunk number'],
    [{ kind: 'progress', seq: 1, offset: -1 }, 'a "progress" message without its item offset'],
    [{ kind: 'init-error', error: { kind: 'value' } }, 'an "init-error" message without its error'],
    [{ kind: 'unreadable', first: 1, count: 1, reason: 'x' }, 'a message of unknown kind "unreadable"'],
    [{ kind: 'results', results: [1, [2]] }, 'a "results" message without its results'],
    [{ kind: 'results', count: 1, results: 'x' }, 'a "results" message without its results'],
    [{ kind: 'results', count: 1, results: [], through: 'x' }, 'a "results" message without its results'],
    [{ kind: 'released', seqs: [] }, 'a "released" message without its chunk numbers'],
    [{ kind: 'released', seqs: [1.5] }, 'a "released" message without its chunk numbers'],
    [{ kind: 'released' }, 'a "released" message without its chunk numbers'],
    [{ kind: 'results', count: 1, results: [], crashed: 'one' }, 'a "results" message without its results'],
    [{ kind: 'results', count: 1, results: [], retiredRemotely: 0.5 }, 'a "results" message without its results'],
    [{ kind: 'results', count: 1, results: [], retiredRemotely: -1 }, 'a "results" message without its results'],
    [{ kind: 'results', count: 1, results: [], retiredRemotely: 1e300 }, 'a "results" message without its results'],
  ];
  for (const [message, fault] of cases) t.is(checkFromWorker(message), fault);
});

const chunk = (seq: number, items: unknown[]): Chunk => ({ seq, job: 0, start: 0, fn: 0, items, star: false });

test('defect 11: results must answer the chunks in hand, in order, one value per item', (t) => {
  const inflight = [chunk(4, [1, 2]), chunk(7, [3])];
  const ok = (seq: number, values: unknown[]): ChunkResult => ({ seq, ok: true, values });
  t.is(checkAnswers([ok(4, [1, 4]), ok(7, [9])], inflight), undefined);
  t.is(checkAnswers([ok(4, [1, 4])], inflight), undefined);
  t.is(checkAnswers([ok(7, [9])], inflight), 'the result of chunk 7 where chunk 4 was next');
  t.is(checkAnswers([ok(4, [1])], inflight), 'a result of chunk 4 that does not match its 2 items');
  t.is(checkAnswers([ok(4, [1, 4]), ok(7, [9]), ok(8, [1])], inflight), 'results for 3 chunks while it held 2');
  const failed: ChunkResult = { seq: 4, ok: false, values: [1, 4], failedAt: 2, error: { kind: 'value', value: 1, description: '1', kept: 'whole' } };
  t.is(checkAnswers([failed], inflight), 'a result of chunk 4 that does not match its 2 items');
});
