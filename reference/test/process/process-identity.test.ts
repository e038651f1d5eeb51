import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Process, type ProcessInfo } from '../../src/index.js';
import { startGrandchild, tryStartChild, writeIdentity } from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, RUN_MS, tempDir, within } from './helpers.js';

assertNoOrphans(test);

/** Runs `target(file)` in a child and returns the child and what it wrote to `file`. */
async function runWithFile(
  t: ExecutionContext,
  target: (file: string) => unknown,
  options: { name?: string; daemon?: boolean } = {},
): Promise<{ p: Process; written: string }> {
  const file = join(tempDir(t), 'out.txt');
  const p = new Process({ target, args: [file], ...options });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0);
  return { p, written: readFileSync(file, 'utf8') };
}

const reportsItself = test.macro({
  async exec(t: ExecutionContext, _kind: string, options: { name?: string; daemon?: boolean }) {
    const { p, written } = await runWithFile(t, writeIdentity, options);
    const seen = JSON.parse(written) as ProcessInfo;
    t.deepEqual(seen, { name: p.name, pid: p.pid, daemon: options.daemon ?? false });
  },
  title: (_provided, kind) => `currentProcess() in ${kind} child reports its own name, pid and daemon flag`,
});

test(reportsItself, 'an unnamed', {});
test(reportsItself, 'a named', { name: 'reporter' });
test(reportsItself, 'a daemonic', { name: 'daemonic reporter', daemon: true });

test('a grandchild started inside a child is named Process-<n>:1', async (t) => {
  const { p, written } = await runWithFile(t, startGrandchild);
  const n = /^Process-(\d+)$/.exec(p.name)?.[1];
  t.truthy(n, p.name);
  const grandchild = JSON.parse(written) as ProcessInfo;
  t.is(grandchild.name, `Process-${n}:1`);
  t.false(grandchild.daemon);
  t.not(grandchild.pid, p.pid);
  t.not(grandchild.pid, process.pid);
});

test("a grandchild's name follows the child's number even when the child was given a name", async (t) => {
  const { p, written } = await runWithFile(t, startGrandchild, { name: 'middle' });
  t.is(p.name, 'middle');
  t.regex((JSON.parse(written) as ProcessInfo).name, /^Process-\d+:1$/);
});

test('a daemonic child cannot start a child of its own', async (t) => {
  const { written } = await runWithFile(t, tryStartChild, { daemon: true });
  t.regex(
    written,
    /^ProcessStateError: daemonic processes are not allowed to have children: Process\.start\(\) ran in Process-[\d:]+, which is daemonic \(pool workers always are\); create the Process with daemon: false in the parent if this one must start processes, or return the work to the parent$/,
  );
});

test('a non-daemonic child can start a child', async (t) => {
  const { written } = await runWithFile(t, tryStartChild);
  t.is(written, 'started');
});
