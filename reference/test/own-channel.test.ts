/**
 * The channel a child keeps to itself (own-channel.ts): a send after the channel closed still calls back, since
 * a worker leaves only once its last message is out (issue 14 review).
 */
import { fork } from 'node:child_process';
import test from 'ava';
import { childExecArgv } from '../src/child-flags.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { modulePath } from '../../test-support/repo-paths.js';
import { RUN_MS, within } from './process/helpers.js';

assertNoOrphans(test);

const CHILD = modulePath(import.meta.url, './fixtures/own-channel-child');

test('a send after the channel closed calls back with an error on the next tick, never drops the callback', async (t) => {
  const child = fork(CHILD, [], { execArgv: childExecArgv(), serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  t.is(await within(exited, RUN_MS, 'the child to exit from its send callback'), 7);
});
