/**
 * The side table of registered class instances (revive.ts), in one process: what the sender lists, what the
 * receiver does with it, and what it never does (run a constructor, trust a malformed table, throw).
 */
import test from 'ava';
import { deserialize, serialize } from 'node:v8';
import { tasks } from '../src/index.js';
import { decodeItem, encodeItem } from '../src/queue/items.js';
import { findInstances, reviveInstances } from '../src/revive.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

class Counted {
  static made = 0;
  readonly at = new Date(0);
  constructor(readonly n: number) {
    Counted.made++;
  }

  twice(): number {
    return 2 * this.n;
  }
}

class Sub extends Counted {}

class Late {
  constructor(readonly n: number) {}
}

const HERE = 'file:///multiproc-test/revive.ts';
tasks(HERE, { Counted });

/** What crossing does to `value`: the table made beside it, one clone of both, the table applied. */
function cross<T>(value: T): T {
  const [copy, table] = deserialize(serialize([value, findInstances(value)])) as [T, unknown];
  reviveInstances(table);
  return copy;
}

test('first hour: a registered instance is rebuilt without running its constructor', (t) => {
  const before = Counted.made;
  const copy = cross({ list: [new Counted(2)], map: new Map([['k', new Counted(3)]]), set: new Set([new Counted(4)]) });
  t.is(Counted.made, before + 3, 'only the three made here');
  t.true(copy.list[0] instanceof Counted);
  t.is(copy.list[0]!.twice(), 4);
  t.is(copy.map.get('k')!.twice(), 6);
  t.true([...copy.set][0] instanceof Counted);
  t.true(copy.list[0]!.at instanceof Date, 'its fields are cloned as usual');
});

test('first hour: an unregistered subclass of a registered class arrives as the registered class', (t) => {
  const copy = cross([new Sub(1)]);
  t.is(Object.getPrototypeOf(copy[0]), Counted.prototype);
});

test('findInstances lists each instance once, through cycles, and none without instances', (t) => {
  const c = new Counted(1);
  const cycle: Record<string, unknown> = { c, again: c };
  cycle['self'] = cycle;
  const table = findInstances(cycle);
  t.deepEqual(table?.refs, [HERE, 'Counted']);
  t.is(table?.marks.length, 2);
  t.is(table?.marks[0], c);
  t.is(findInstances({ a: [1, 'x', new Float64Array(4), new Uint8Array(8)], b: new Date(), c: new Map([[1, { d: 2 }]]) }), undefined);
  t.is(findInstances(42), undefined);
});

test('security: a malformed or forged table does nothing and never throws', (t) => {
  const plain = { n: 1 };
  const forged: unknown[] = [
    null, 7, 'x', [], { refs: 'x', marks: [] }, { refs: [HERE, 'Counted'], marks: [plain, 9] },
    { refs: [HERE, 'Counted'], marks: [plain, '0'] }, { refs: ['data:text/javascript,alert(1)', 'Counted'], marks: [plain, 0] },
    { refs: [HERE, 'constructor'], marks: [plain, 0] }, { refs: [HERE, '__proto__'], marks: [plain, 0] },
    { refs: [HERE, 'Nope'], marks: [plain, 0] }, { refs: [HERE, 'Counted'], marks: [5, 0] },
  ];
  for (const table of forged) t.notThrows(() => reviveInstances(table), JSON.stringify(table));
  t.is(Object.getPrototypeOf(plain), Object.prototype);
  t.false(reviveInstances({ refs: [HERE, 'Nope'], marks: [plain, 0] }), 'a class not found here is reported');
});

test('security: a Queue item shaped like the tagged form stays what it was', (t) => {
  const item = [{ n: 1 }, { refs: [HERE, 'Counted'], marks: [] }];
  const copy = decodeItem(encodeItem(item)) as typeof item;
  t.deepEqual(copy, item);
  t.is(Object.getPrototypeOf(copy[0]), Object.prototype);
});

test('first hour: a queue host that cannot find a class passes its table on with the item', (t) => {
  const late = 'file:///multiproc-test/late.ts';
  // Bytes as a process that has Late would send them; this process registers Late only afterwards.
  const item = { late: new Late(1) };
  const sent = Buffer.concat([Buffer.of(1), serialize([item, { refs: [late, 'Late'], marks: [item.late, 0] }])]);
  const held = decodeItem(sent) as typeof item;
  t.false(held.late instanceof Late, 'the host has no Late: plain data');
  tasks(late, { Late });
  const got = decodeItem(encodeItem(held)) as typeof item;
  t.true(got.late instanceof Late, 'a consumer that has Late gets one');
});
