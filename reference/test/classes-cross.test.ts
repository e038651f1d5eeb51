/**
 * Instances of classes registered beside the tasks cross as themselves (issue 16): as results, arguments, initargs,
 * Process args and kwargs, Queue items, nested in arrays, objects and Maps. Python's pickle finds a class by
 * module and name; we find it in the registry, never by running anything received.
 */
import test from 'ava';
import { Pool, Process, Queue } from '../src/index.js';
import {
  forgedMarkers,
  getIsPoint,
  initializedWithPoint,
  keepInitPoint,
  Line,
  makePoint,
  makeVector,
  normOf,
  Point,
  pointsByName,
  pointsSeen,
  putPoints,
  exitUnlessPoints,
  Vector,
  Job,
  Parcel,
  runJob,
} from './fixtures/class-tasks.js';
import { argumentsSeen } from './pool/fixtures/pool-tasks.js';
import { HttpError, throwNotFound } from './fixtures/channel-tasks.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { PROMPT_MS, RUN_MS, within } from './pool/helpers.js';

const pool = new Pool({ processes: 2 });
test.after.always('terminate the shared pool', async () => {
  pool.terminate();
  await within(pool.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

test('first hour: a registered class returned by a task arrives as itself: its methods and getters work', async (t) => {
  const p = await within(pool.apply(makePoint, [3, 4]), RUN_MS, 'apply(makePoint)');
  t.true(p instanceof Point, `arrived as ${String(Object.getPrototypeOf(p)?.constructor?.name)}`);
  t.is(p.norm(), 5);
  t.is(p.quadrant, 1, 'a getter on the prototype works');
  t.deepEqual(Object.keys(p), ['x', 'y'], 'own fields copied, nothing added');
});

test('first hour: map over registered instances: every result is one, in order', async (t) => {
  const points = await within(pool.starmap(makePoint, Array.from({ length: 40 }, (_, i) => [i, -i] as [number, number]), 7), RUN_MS, 'starmap');
  t.true(points.every((p) => p instanceof Point));
  t.deepEqual(points.map((p) => p.quadrant), points.map((_, i) => (i === 0 ? 1 : 4)));
});

test('first hour: a registered instance given as an argument arrives in the worker as itself', async (t) => {
  t.is(await within(pool.apply(normOf, [new Point(3, 4)]), RUN_MS, 'apply(normOf)'), 5);
  t.deepEqual(await within(pool.map(normOf, [new Point(6, 8), new Point(0, 1)]), RUN_MS, 'map(normOf)'), [10, 1]);
});

test('first hour: registered instances nested in arrays, Maps and other instances cross both ways', async (t) => {
  const sent = { points: [new Point(1, 1)], byName: new Map([['a', new Point(2, 2)]]), line: new Line(new Point(0, 0), new Point(1, 1)) };
  t.deepEqual(await within(pool.apply(pointsSeen, [sent]), RUN_MS, 'apply(pointsSeen)'), [true, true, true, true, true]);
  const byName = await within(pool.apply(pointsByName, []), RUN_MS, 'apply(pointsByName)');
  t.true(byName instanceof Map);
  const all = [...byName.values()].flat();
  t.is(all.length, 3);
  t.true(all.every((p) => p instanceof Point), 'every Point in the Map arrived as a Point');
  t.is(byName.get('corners')![1]!.norm(), 5);
});

test('first hour: the same instance twice in a value arrives as one object, as structured clone keeps it', async (t) => {
  const p = new Point(3, 4);
  const [a, b] = (await within(pool.apply(argumentsSeen, [p, p]), RUN_MS, 'apply(argumentsSeen)')) as Point[];
  t.is(a, b);
});

test('first hour: an instance of a class that is not registered arrives as plain data, as before', async (t) => {
  const v = await within(pool.apply(makeVector, [3, 4]), RUN_MS, 'apply(makeVector)');
  t.false(v instanceof Vector);
  t.is(Object.getPrototypeOf(v), Object.prototype);
  t.deepEqual({ ...v }, { dx: 3, dy: 4 });
});

/** A pool whose worker only ever imports pool-tasks.ts, which does not import the module that registers Point. */
async function withoutPoint<T>(run: (bare: Pool) => Promise<T>): Promise<T> {
  const bare = new Pool(1);
  try {
    return await run(bare);
  } finally {
    bare.terminate();
    await within(bare.join(), PROMPT_MS, 'join() of the pool without Point');
  }
}

test('first hour: a worker whose task module does not import the class\'s module imports it: the argument arrives as itself', async (t) => {
  const [seen] = await withoutPoint((bare) => within(bare.apply(argumentsSeen, [new Point(3, 4)]), RUN_MS, 'apply(argumentsSeen)'));
  t.true(seen instanceof Point, 'the worker found Point by importing its module, and sent back a Point');
  t.is((seen as Point).norm(), 5);
});

test('security: a class only a worker imports arrives in the parent as plain data: no module is imported on a child\'s word', async (t) => {
  const { makeWorkerOnly } = await import('./fixtures/class-apart/format-tasks.js');
  const made = (await within(pool.apply(makeWorkerOnly, [21]), RUN_MS, 'apply(makeWorkerOnly)')) as Record<string, unknown>;
  t.is(Object.getPrototypeOf(made), Object.prototype, 'plain data in the parent, which never imported worker-only.ts');
  t.deepEqual(made, { value: 21 });
});

test('security: user data shaped like a class marker is never turned into an instance', async (t) => {
  const forged = (await within(pool.apply(forgedMarkers, []), RUN_MS, 'apply(forgedMarkers)')) as Record<string, unknown>;
  t.deepEqual(forged, forgedMarkers(), 'it arrives exactly as the task made it');
  const objects: unknown[] = [forged, ...Object.values(forged)];
  for (let i = 0; i < objects.length; i++) {
    const value = objects[i];
    if (typeof value !== 'object' || value === null) continue;
    t.false(value instanceof Point, 'nothing became a Point');
    objects.push(...(value instanceof Map ? value.values() : Object.values(value)));
  }
});

test('security: an own "__proto__" key of a registered instance stays data; the prototype is the class', async (t) => {
  const p = new Point(3, 4);
  Object.defineProperty(p, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  const [back] = (await withoutPoint((bare) => within(bare.apply(argumentsSeen, [p]), RUN_MS, 'apply(argumentsSeen)'))) as Point[];
  t.is(Object.getPrototypeOf(back), Point.prototype, 'a Point (the worker imported its module), not the polluted prototype');
  t.deepEqual(Object.getOwnPropertyDescriptor(back, '__proto__')?.value, { polluted: true }, 'kept as an own data property');
  const made = await within(pool.apply(normOf, [p]), RUN_MS, 'apply(normOf)');
  t.is(made, 5, 'the worker rebuilt a Point whose norm is the class\'s');
});

test('first hour: an error class registered beside the tasks still arrives as itself', async (t) => {
  const error = await t.throwsAsync(within(pool.apply(throwNotFound, []), RUN_MS, 'apply(throwNotFound)'));
  t.true(error instanceof HttpError, 'its nearest registered class');
  t.is(error?.name, 'NotFoundError');
  t.is((error as HttpError).status, 404);
});

test('first hour: a registered instance in initargs arrives in the initializer as itself', async (t) => {
  const withInit = new Pool({ processes: 1, initializer: keepInitPoint, initargs: [new Point(3, 4)] });
  try {
    t.true(await within(withInit.apply(initializedWithPoint, []), RUN_MS, 'apply(initializedWithPoint)'));
  } finally {
    withInit.terminate();
    await within(withInit.join(), PROMPT_MS, 'join()');
  }
});

test('first hour: Process args and kwargs holding registered instances arrive as themselves', async (t) => {
  const p = new Process({ target: exitUnlessPoints, args: [new Point(3, 4)], kwargs: { at: new Point(1, 1) } });
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0, 'the child exits 3 when an argument arrived as plain data');
});

test('first hour: Points put in a Queue by a worker arrive in the parent as Points', async (t) => {
  const q = new Queue<Point>();
  t.teardown(() => q.close());
  await within(pool.apply(putPoints, [q, 3]), RUN_MS, 'apply(putPoints)');
  for (let i = 0; i < 3; i++) {
    const p = await within(q.get(), PROMPT_MS, 'q.get()');
    t.true(p instanceof Point, `item ${i}`);
    t.is(p.y, i + 1);
  }
});

test('first hour: a Point put in a Queue by the parent arrives in a worker, and in the parent, as a Point', async (t) => {
  const q = new Queue<Point>();
  t.teardown(() => q.close());
  await q.put(new Point(3, 4));
  t.true(await within(pool.apply(getIsPoint, [q]), RUN_MS, 'apply(getIsPoint)'));
  await q.put(new Point(5, 12));
  const local = await within(q.get(), PROMPT_MS, 'q.get() in the owner');
  t.true(local instanceof Point);
  t.is(local.norm(), 13);
});

test('first hour: a Queue inside a registered instance, or an unregistered one, crosses as a working Queue', async (t) => {
  const queue = new Queue<number>();
  t.teardown(() => queue.close());
  t.deepEqual(await within(pool.apply(runJob, [new Job(queue, 7)]), RUN_MS, 'apply(runJob, [Job])'), { isJob: true, queue: true });
  t.deepEqual(await within(pool.apply(runJob, [new Parcel(queue, 8) as never]), RUN_MS, 'apply(runJob, [Parcel])'), { isJob: false, queue: true });
  t.deepEqual([await queue.get({ timeoutMs: RUN_MS }), await queue.get({ timeoutMs: RUN_MS })], [7, 8]);
  const p = new Process({ target: runJob, args: [new Job(queue, 9)] });
  p.start();
  await within(p.join(), RUN_MS, 'join() of a Process given a Job');
  t.is(p.exitCode, 0, String(p.error));
  t.is(await queue.get({ timeoutMs: RUN_MS }), 9);
});

test('a registered class whose module the task module never imports still arrives as itself in the worker and in a Process', async (t) => {
  const { Money } = await import('./fixtures/class-apart/money.js');
  const { describeAmount, exitUnlessFormatted } = await import('./fixtures/class-apart/format-tasks.js');
  const euros = new Money(1250, 'EUR');
  t.deepEqual(await within(pool.apply(describeAmount, [euros]), RUN_MS, 'apply(describeAmount)'), ['Money', '12.50 EUR']);
  t.deepEqual(await within(pool.map(describeAmount, [new Money(1, 'USD')]), RUN_MS, 'map(describeAmount)'), [['Money', '0.01 USD']]);
  const child = new Process({ target: exitUnlessFormatted, args: [euros] });
  child.start();
  await within(child.join(), RUN_MS, 'join() of the Process');
  t.is(child.exitCode, 0, 'the Process target got a Money with its methods');
});
