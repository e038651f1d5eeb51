import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.memory.children-do-not-share-state',
  statement: "Each process has its own memory: a module-level list one child appends to is not seen by another child.",
  source: 'seed',
  python: 'seed: Multiple Processes and Separate Memory',
  needs: ['process'],
  timeoutMs: 60_000,
  async check(session, context) {
    const values = ['first', 'second', 'third'];
    // One after the other: a later child would see the earlier appends if the list were shared.
    for (const value of values) {
      const p = await session.createProcess({ target: 'appendToGlobal', args: [join(context.tmpdir, `${value}.json`), value] });
      await p.start();
      await p.join();
      expectEqual(await p.exitCode(), 0, `exitCode() of appendToGlobal(${value})`);
    }
    for (const value of values) {
      expectEqual(await readJsonWritten(join(context.tmpdir, `${value}.json`)), [value], `list written by the child that appended ${value}`);
    }
  },
});
