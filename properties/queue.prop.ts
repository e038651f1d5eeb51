/**
 * Model-based: a Queue used by the parent and by two worker processes behaves as an array — FIFO, bounded by
 * maxsize, QueueEmpty/QueueFull where Python raises queue.Empty/queue.Full, blocked calls released by
 * another process. The workers are two one-worker pools (so every command names its process), started once;
 * each run gets a fresh Queue; every command is one round trip, awaited before the next.
 */
import { fc } from '@fast-check/ava';
import test from 'ava';
import { Pool, Queue } from './implementation.js';
import { assertNoOrphans } from '../test-support/no-orphans.js';
import { values } from './arbitraries.js';
import { properties, within } from './harness.js';
import { type Actor, QUEUE_GENERATOR, queueCommands, type QueueReal } from './queue-model.js';
import { echo, queueOp } from './tasks.js';

const { property, writeRecord } = properties(import.meta, test);

let workers: { A: Pool; B: Pool } | undefined;
const started = () => (workers ??= { A: new Pool({ processes: 1 }), B: new Pool({ processes: 1 }) });

test.before('start the two worker processes', async () => {
  const { A, B } = started();
  await within(Promise.all([A.apply(echo, [1]), B.apply(echo, [1])]), 'starting the workers');
});

property('a Queue shared by the parent and two workers behaves as an array model (FIFO, maxsize, Empty/Full)', [fc.integer({ min: 0, max: 3 }), queueCommands(values.arb)], async (t, maxsize, commands) => {
  const queue = new Queue({ maxsize });
  const { A, B } = started();
  const real: QueueReal = {
    t,
    queue,
    run: (actor: Actor, op) => (actor === 'main' ? queueOp(queue, op) : (actor === 'A' ? A : B).apply(queueOp, [queue, op])),
  };
  try {
    t.is(await queue.qsize(), 0, 'a new queue is empty');
    await fc.asyncModelRun(() => ({ model: { items: [], maxsize }, real }), commands);
  } finally {
    queue.close();
  }
}, { runs: 30, generators: ['maxsize 0 (unbounded)..3', `items: ${values.name}`, QUEUE_GENERATOR] });

test.after.always('terminate the worker pools', async () => {
  if (workers === undefined) return;
  const pools = [workers.A, workers.B];
  for (const pool of pools) pool.terminate();
  await Promise.all(pools.map((pool) => within(pool.join(), 'join() after terminate()', 10_000)));
});
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
