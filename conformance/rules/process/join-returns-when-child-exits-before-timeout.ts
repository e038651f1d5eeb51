import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const JOIN_TIMEOUT_MS = 30_000;
/** The child has 300 ms left and then exits: a join that returns as soon as it ends is back within this. */
const SOON_MS = 3000;

export default defineRule({
  id: 'process.join.returns-when-child-exits-before-timeout',
  statement: 'join(timeout) returns as soon as the child terminates, without waiting for the rest of the timeout.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.join',
  needs: ['process'],
  timeoutMs: 60_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'up.txt');
    const p = await session.createProcess({ target: 'writeThenSleep', args: [path, 'up', 300] });
    await p.start();
    // Time from the moment the child is running its target, so that a slow start-up does not count.
    const up = await eventually(() => readFile(path, 'utf8').catch(() => ''), (text) => text === 'up', 15_000);
    expectEqual(up, 'up', 'file written by writeThenSleep once it runs');
    const started = performance.now();
    await p.join(JOIN_TIMEOUT_MS);
    const waited = performance.now() - started;
    // "As soon as": seconds after the child's end, not a share of the timeout (a join that looks every few
    // seconds would still pass a bound of half the timeout).
    expectTrue(waited < SOON_MS, `join(${JOIN_TIMEOUT_MS}) on a child with 300 ms left returned within ${SOON_MS} ms`, `${Math.round(waited)} ms`);
    expectEqual(await p.exitCode(), 0, `exitCode() after join(${JOIN_TIMEOUT_MS}) returned`);
  },
});
