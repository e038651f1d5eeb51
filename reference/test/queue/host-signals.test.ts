/**
 * How a program that hosts queues ends (defect 13): a library must never change how a program dies of a signal,
 * so the host listens for none. What a host cannot remove on its way out (SIGKILL, or a signal that ends it) is
 * removed by the next host that makes a socket directory in the same temporary directory. The other ways out
 * (return, process.exit(), an uncaught exception) remove it at once: see queue-security.test.ts.
 */
import { existsSync } from 'node:fs';
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { envWith, firstLine, limited, PROMPT_MS, runScriptWith, shareWithChild, socketDirsIn, tempDir, within } from './helpers.js';

assertNoOrphans(test);

// Each test below starts Node scripts (and some, their children); two at a time keeps start-up bounded.
const slot = limited(2);

for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
  test(`defect 13: a host ended by ${signal} dies of it and leaves its socket directory; the next host in that temporary directory removes it`, slot(async (t) => {
    const tmp = tempDir(t);
    const ended = runScriptWith(t, 'share-and-wait', '', envWith(tmp));
    const { dir: left } = await firstLine<{ dir: string }>(ended, 'the first host to share its queue');
    ended.child.kill(signal);
    const exit = await within(ended.exited, PROMPT_MS, `the host after ${signal}`);
    t.is(exit.signal, signal, `the host died of ${signal}, as it would have without a queue`);
    t.true(existsSync(left), 'nothing of ours runs on a signal: the directory stays until the next host');
    const next = await shareWithChild(t, tmp);
    t.true(next.dir.startsWith(tmp));
    t.false(existsSync(left), 'the next host removed the directory of the dead one');
    t.deepEqual(socketDirsIn(tmp), [], 'and its own when it exited');
    report(t, {
      section: 'defect',
      defect: 13,
      tried: `a host ended by ${signal} while sharing a queue, then another host in the same temporary directory`,
      outcome: `the host died of ${signal}; its socket directory was removed by the next host, which left nothing`,
    });
  }));
}

// Without another listener, the defect 13 tests above see the host die of SIGTERM and SIGINT.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`a program hosting a queue socket still dies of ${signal} beside a signal-exit-like listener`, slot(async (t) => {
    const run = runScriptWith(t, 'share-and-wait', 'signal-exit', envWith(tempDir(t)));
    await firstLine(run, 'the host to share its queue');
    run.child.kill(signal);
    const exit = await within(run.exited, PROMPT_MS, `the host to die of ${signal} (it is still alive)`);
    t.deepEqual({ code: exit.code, signal: exit.signal }, { code: null, signal });
  }));
}

test('a host that handles SIGTERM itself keeps its socket directory until it exits', slot(async (t) => {
  const run = runScriptWith(t, 'share-and-handle-sigterm', '', envWith(tempDir(t)));
  const { dir } = await firstLine<{ dir: string }>(run, 'the host to share its queue');
  run.child.kill('SIGTERM');
  const exit = await within(run.exited, PROMPT_MS, 'the host after SIGTERM');
  t.is(exit.code, 0, 'its own handler ran');
  t.like(run.lines()[1], { handled: true, dirThere: true }, 'the directory was left alone while the program decided');
  t.false(existsSync(dir), 'and removed when it exited');
}));
