import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

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
    await p.join(30_000);
    const waited = performance.now() - started;
    expectTrue(waited < 15_000, 'join(30000) on a child with 300 ms left returned within 15 s', `${Math.round(waited)} ms`);
    expectEqual(await p.exitCode(), 0, 'exitCode() after join(30000) returned');
  },
});
