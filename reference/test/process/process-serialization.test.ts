import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import test from 'ava';
import { Process } from '../../src/index.js';
import { checkArgs, sampleArgs, writeArgs } from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, RUN_MS, tempDir, within } from './helpers.js';

assertNoOrphans(test);

test('arguments of every structured-clone type arrive intact (checked in the child)', async (t) => {
  const p = new Process({ target: checkArgs, args: sampleArgs() });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0, 'the child exits 2 when an argument differs from sampleArgs()');
});

test('arguments of every structured-clone type arrive intact (compared in the parent)', async (t) => {
  const file = join(tempDir(t), 'args.bin');
  const args = sampleArgs();
  const p = new Process({ target: writeArgs, args: [file, ...args] });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0);
  const received = deserialize(readFileSync(file)) as unknown[];
  t.deepEqual(received, args);
  t.true(received[0] === 12345678901234567890n);
  t.true(received[1] instanceof Map);
  t.true(received[2] instanceof Set);
  t.true(received[3] instanceof Date);
  t.true(received[4] instanceof Uint8Array);
  t.true(received[6] instanceof RegExp);
  t.true(Object.is(received[8], -0));
});

test('an error and an object with a cycle can be arguments', async (t) => {
  const file = join(tempDir(t), 'args.bin');
  const node: { name: string; self?: unknown } = { name: 'loop' };
  node.self = node;
  const p = new Process({ target: writeArgs, args: [file, new RangeError('as data'), node] });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  const [error, loop] = deserialize(readFileSync(file)) as [Error, { name: string; self: unknown }];
  t.true(error instanceof RangeError);
  t.is(error.message, 'as data');
  t.is(loop.self, loop);
});

test('the arguments are sent by start(), as in Python: a change made before start() reaches the child', async (t) => {
  const file = join(tempDir(t), 'args.bin');
  const list = [1, 2, 3];
  const p = new Process({ target: writeArgs, args: [file, list] });
  cleanUp(t, p);
  list.push(4);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.deepEqual(deserialize(readFileSync(file)), [[1, 2, 3, 4]]);
});
