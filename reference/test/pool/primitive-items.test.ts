import test from 'ava';
import { onlyPrimitives } from '../../src/pool/primitive-items.js';
import { Queue } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

// makeChunk skips its searches for Queues and registered class instances when this says true: a wrong true
// would send a Queue or a class instance without what the worker needs to rebuild it.
test('argument lists and items of primitives, one array deep, need no search', (t) => {
  t.true(onlyPrimitives([]));
  t.true(onlyPrimitives([[1]]));
  t.true(onlyPrimitives([[1, 'a', true, null, undefined, 2n, Symbol.for('s')]]));
  t.true(onlyPrimitives([1, 'b', null]));
  t.true(onlyPrimitives([[1, 2], [3, 4], []]));
});

test('any object one or two levels down sends the chunk through the searches', (t) => {
  const queue = new Queue();
  try {
    t.false(onlyPrimitives([[queue]]));
    t.false(onlyPrimitives([queue]));
    t.false(onlyPrimitives([[1, { q: queue }]]));
    t.false(onlyPrimitives([[1], [2, [3]]]));
    t.false(onlyPrimitives([{ x: 1 }]));
    t.false(onlyPrimitives([[new Uint8Array(1)]]));
    t.false(onlyPrimitives([new Map()]));
  } finally {
    queue.close();
  }
});

test('an array of a subclass of Array is searched: the subclass may be a registered class', (t) => {
  class Row extends Array<number> {}
  t.false(onlyPrimitives([Row.from([1, 2])]));
  t.false(onlyPrimitives([[1], Row.from([3])]));
});
