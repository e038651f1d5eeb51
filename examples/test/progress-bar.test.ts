/**
 * examples/progress-bar.ts, run as a user would: in a pipe (no terminal) it prints a plain line per item done, in
 * order, then the results; on a terminal the same call redraws one bar (checked with a fake terminal stream).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { progressBar } from '../progress-bar.js';

assertNoOrphans(test);

test('progress-bar in a pipe: one plain line per item done, in order, no carriage return', async (t) => {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/progress-bar.ts'], {
    cwd: REPO_ROOT, env, timeout: 90_000, killSignal: 'SIGKILL', encoding: 'utf8',
  });
  t.is(stderr, '');
  t.is(stdout, [...Array.from({ length: 8 }, (_, i) => `${i + 1}/8 items done`), 'Results: 8 sums, each 9.0000e+18', ''].join('\n'));
});

test('progress-bar on a terminal: the bar is redrawn in place, grows with the reports, never shrinks', (t) => {
  let text = '';
  const tty = { isTTY: true, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  const bar = progressBar(tty, 10);
  bar.update({ done: 0, total: 2, value: 0.5, index: 0 });
  bar.update({ done: 1, total: 2 });
  bar.update({ done: 1, total: 2, value: 0.5, index: 1 });
  bar.update({ done: 2, total: 2 });
  bar.end();
  t.deepEqual(text.split('\r').slice(1), [
    '[##........] 0/2 items done',
    '[#####.....] 1/2 items done',
    '[#######...] 1/2 items done',
    '[##########] 2/2 items done\n',
  ]);
});
