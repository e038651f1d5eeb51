import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcesses } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.start.children-run-concurrently',
  statement: 'start() does not wait for the target: several started processes run at the same time.',
  source: 'seed',
  python: 'seed: Multiple Processes and Separate Memory',
  needs: ['process'],
  timeoutMs: 40_000,
  async check(session, context) {
    const names = ['a', 'b', 'c'];
    const options = names.map((name) => ({ target: 'writeThenSleep', args: [join(context.tmpdir, `${name}.txt`), name, 30_000] }) as const);
    await withProcesses(session, options, async (children) => {
      for (const child of children) await child.start();
      // Each child writes its file and then sleeps 30 s: all three files can exist within 20 s only if the
      // three children run side by side (one at a time, the second file would wait for the first child's end).
      const read = async () =>
        Promise.all(names.map((name) => readFile(join(context.tmpdir, `${name}.txt`), 'utf8').catch(() => null)));
      const written = await eventually(read, (texts) => texts.every((text, i) => text === names[i]), 20_000);
      expectEqual(written, names, 'files written by three 30 s writeThenSleep children within 20 s of starting them');
      const alive = [];
      for (const child of children) alive.push(await child.isAlive());
      expectEqual(alive, [true, true, true], 'isAlive() of the three children once all files were written');
    });
  },
});
