/**
 * A model of multiprocessing.Queue as an array, for fc.commands: FIFO across processes, bounded by maxsize,
 * QueueEmpty from getNowait()/get(timeout) on an empty queue, QueueFull from putNowait()/put(timeout) on a full
 * one, and a blocked get() or put() released by another process. Each command names the process that runs it:
 * `main` (the parent, which owns the queue) or a worker `A` / `B`.
 */
import { fc } from '@fast-check/ava';
import type { ExecutionContext } from 'ava';
import type { Queue } from './implementation.js';
import { describeValue } from './describe-value.js';
import { WARM_STEP_MS, within } from './harness.js';
import { sameValue } from './same-value.js';
import type { QueueOp, QueueOutcome } from './tasks.js';

export type Actor = 'main' | 'A' | 'B';

export interface QueueModel {
  readonly items: unknown[];
  readonly maxsize: number;
}

export interface QueueReal {
  readonly t: ExecutionContext;
  readonly queue: Queue;
  run(actor: Actor, op: QueueOp): Promise<QueueOutcome>;
}

const full = (m: QueueModel) => m.maxsize > 0 && m.items.length >= m.maxsize;
const show = (op: QueueOp): string => {
  const wait = 'timeoutMs' in op && op.timeoutMs !== undefined ? `timeout ${op.timeoutMs} ms` : '';
  if (op.op === 'put' || op.op === 'putNowait') return `${op.op}(${[describeValue(op.item), wait].filter(Boolean).join(', ')})`;
  return `${op.op}(${wait})`;
};

/**
 * A put from another process on an unbounded queue is sent without waiting for the owner (Python's feeder
 * thread does the same, and its docs warn of the delay), so the model waits, bounded, until the owner has it.
 */
async function settle(model: QueueModel, real: QueueReal, actor: Actor, what: string): Promise<void> {
  if (actor === 'main' || model.maxsize > 0) return;
  const deadline = Date.now() + 5000;
  while ((await real.queue.qsize()) < model.items.length) {
    if (Date.now() > deadline) return real.t.fail(`${what}: the item never reached the queue's owner`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function expectValue(real: QueueReal, got: QueueOutcome, expected: unknown, what: string): void {
  if (!got.ok) return real.t.fail(`${what} failed: ${got.error}: ${got.message}`);
  real.t.true(sameValue(got.value, expected), `${what}: expected ${describeValue(expected)}, got ${describeValue(got.value)}`);
}

function expectError(real: QueueReal, got: QueueOutcome, error: 'QueueEmpty' | 'QueueFull', what: string): void {
  if (got.ok) return real.t.fail(`${what} should fail with ${error}, got ${describeValue(got.value)}`);
  real.t.is(got.error, error, `${what}: ${got.message}`);
}

class OpCommand implements fc.AsyncCommand<QueueModel, QueueReal> {
  constructor(readonly actor: Actor, readonly op: QueueOp) {}

  check(model: QueueModel): boolean {
    // Blocking without a timeout only when the model says it returns at once.
    if (this.op.op === 'put' && this.op.timeoutMs === undefined) return !full(model);
    if (this.op.op === 'get' && this.op.timeoutMs === undefined) return model.items.length > 0;
    return true;
  }

  async run(model: QueueModel, real: QueueReal): Promise<void> {
    const what = String(this);
    const started = Date.now();
    const got = await within(real.run(this.actor, this.op), what, WARM_STEP_MS);
    const waited = Date.now() - started;
    const timeout = 'timeoutMs' in this.op ? this.op.timeoutMs : undefined;
    switch (this.op.op) {
      case 'put':
      case 'putNowait':
        if (full(model)) {
          expectError(real, got, 'QueueFull', what);
          if (timeout !== undefined) real.t.true(waited >= timeout - 1, `${what} gave up after ${waited} ms`);
        } else {
          expectValue(real, got, undefined, what);
          model.items.push(this.op.item);
          await settle(model, real, this.actor, what);
        }
        return;
      case 'get':
      case 'getNowait':
        if (model.items.length === 0) {
          expectError(real, got, 'QueueEmpty', what);
          if (timeout !== undefined) real.t.true(waited >= timeout - 1, `${what} gave up after ${waited} ms`);
        } else {
          expectValue(real, got, model.items.shift(), what);
        }
        return;
      case 'qsize':
        expectValue(real, got, model.items.length, what);
    }
  }

  toString(): string {
    return `${this.actor}.${show(this.op)}`;
  }
}

/** `getter` waits in get() on an empty queue until `putter` puts: it receives that item. */
class HandoffCommand implements fc.AsyncCommand<QueueModel, QueueReal> {
  constructor(readonly getter: Actor, readonly putter: Actor, readonly item: unknown) {}
  check(model: QueueModel): boolean {
    return model.items.length === 0;
  }
  async run(_model: QueueModel, real: QueueReal): Promise<void> {
    const got = real.run(this.getter, { op: 'get' });
    // Give the get a head start so that it usually waits; either order must give the same result.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expectValue(real, await within(real.run(this.putter, { op: 'put', item: this.item }), String(this), WARM_STEP_MS), undefined, `${this}: the put`);
    expectValue(real, await within(got, String(this), WARM_STEP_MS), this.item, `${this}: the waiting get`);
  }
  toString(): string {
    return `${this.getter}.get() ‖ ${this.putter}.put(${describeValue(this.item)})`;
  }
}

/** `putter` waits in put() on a full queue until `getter` takes the oldest item. */
class MakeRoomCommand implements fc.AsyncCommand<QueueModel, QueueReal> {
  constructor(readonly putter: Actor, readonly getter: Actor, readonly item: unknown) {}
  check(model: QueueModel): boolean {
    return full(model);
  }
  async run(model: QueueModel, real: QueueReal): Promise<void> {
    const put = real.run(this.putter, { op: 'put', item: this.item });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expectValue(real, await within(real.run(this.getter, { op: 'get' }), String(this), WARM_STEP_MS), model.items.shift(), `${this}: the get`);
    expectValue(real, await within(put, String(this), WARM_STEP_MS), undefined, `${this}: the waiting put`);
    model.items.push(this.item);
  }
  toString(): string {
    return `${this.putter}.put(${describeValue(this.item)}) ‖ ${this.getter}.get()`;
  }
}

export function queueCommands(items: fc.Arbitrary<unknown>) {
  const actor = fc.constantFrom<Actor>('main', 'A', 'B');
  const ms = fc.integer({ min: 1, max: 20 });
  return fc.commands(
    [
      fc.tuple(actor, items).map(([a, item]) => new OpCommand(a, { op: 'put', item })),
      fc.tuple(actor, items, ms).map(([a, item, timeoutMs]) => new OpCommand(a, { op: 'put', item, timeoutMs })),
      fc.tuple(actor, items).map(([a, item]) => new OpCommand(a, { op: 'putNowait', item })),
      actor.map((a) => new OpCommand(a, { op: 'get' })),
      fc.tuple(actor, ms).map(([a, timeoutMs]) => new OpCommand(a, { op: 'get', timeoutMs })),
      actor.map((a) => new OpCommand(a, { op: 'getNowait' })),
      actor.map((a) => new OpCommand(a, { op: 'qsize' })),
      fc.tuple(actor, actor, items).filter(([g, p]) => g !== p).map(([g, p, item]) => new HandoffCommand(g, p, item)),
      fc.tuple(actor, actor, items).filter(([p, g]) => g !== p).map(([p, g, item]) => new MakeRoomCommand(p, g, item)),
    ],
    { maxCommands: 14 },
  );
}

export const QUEUE_GENERATOR =
  'fc.commands (≤ 14) by main/A/B: put, put(timeout 1..20 ms), putNowait, get, get(timeout), getNowait, qsize, ' +
  'get ‖ put (blocked get released), put ‖ get (blocked put released)';
