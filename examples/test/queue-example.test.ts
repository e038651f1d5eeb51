/** The seed's compute_square example through a Queue: every child's result is there after join(). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';

assertNoOrphans(test);

const root = REPO_ROOT;

test('queue-compute-square: the parent drains all four results, each computed by a child', async (t) => {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const running = promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/queue-compute-square.ts'], {
    cwd: root, env, timeout: 60_000, killSignal: 'SIGKILL', encoding: 'utf8',
  });
  const parentPid = running.child.pid;
  const { stdout } = await running;
  const lines = stdout.split('\n');
  t.is(lines[0], `Main process PID: ${parentPid}`);
  t.is(lines[2], 'Results from child processes:');
  const results = lines.slice(3).filter((line) => line !== '').map((line) => {
    const match = /^ {2}(\d+)\^2 = (\d+) \(computed by PID (\d+)\)$/.exec(line);
    if (match === null) throw new Error(`unexpected line ${JSON.stringify(line)}`);
    return { n: Number(match[1]), square: Number(match[2]), pid: Number(match[3]) };
  });
  t.deepEqual(results.map((r) => r.n).sort(), [0, 1, 2, 3]);
  for (const r of results) t.is(r.square, r.n * r.n);
  t.is(new Set(results.map((r) => r.pid)).size, 4, 'four children, four pids');
  t.false(results.some((r) => r.pid === parentPid), 'no result computed in the parent');
});
