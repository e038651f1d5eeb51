/**
 * The `multiproc` command's refusals, which need no Redis: each exits with status 2 and the usage.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { nodeArgsFor } from '../../../test-support/repo-paths.js';
import { CLI, CLUSTER_TASKS } from './cluster-helpers.js';

assertNoOrphans(test);

function cli(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgsFor(CLI, ...args), { timeout: 30_000 }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : (error as { code?: number }).code ?? null, stderr });
    });
  });
}

const refusals: [string, string[], RegExp][] = [
  ['no command', [], /^usage: multiproc worker --connection URL --queue NAME/],
  ['an unknown command', ['serve'], /unknown command "serve"/],
  ['worker without --queue', ['worker', '--connection', 'redis://127.0.0.1:1', CLUSTER_TASKS], /needs --connection, --queue and at least one task module/],
  ['worker with --processes 0', ['worker', '--connection', 'redis://127.0.0.1:1', '--queue', 'q', '--processes', '0', CLUSTER_TASKS], /--processes must be a positive whole number, got "0"/],
  ['worker with an unknown flag', ['worker', '--conection', 'redis://127.0.0.1:1'], /Unknown option '--conection'/],
];

for (const [what, args, expected] of refusals) {
  test(`cluster: multiproc ${what} exits with status 2 and says why`, async (t) => {
    const { code, stderr } = await cli(...args);
    t.is(code, 2);
    t.regex(stderr, expected);
  });
}
