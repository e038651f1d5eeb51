/**
 * Defects of issue 14 seen from whole processes: what a child may send to a queue's host, where the host puts
 * its socket, and what it leaves behind.
 */
import { join } from 'node:path';
import test from 'ava';
import { Process, Queue } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { putSelfCausedThenMore } from './fixtures/queue-tasks.js';
import { cleanUp, PROMPT_MS, readJson, RUN_MS, tempDir, within } from './helpers.js';

assertNoOrphans(test);

test('defect 15: an Error that is its own cause, put from a child, fails that put alone; the host lives on', async (t) => {
  const q = new Queue<unknown>();
  t.teardown(() => q.close());
  const file = join(tempDir(t), 'outcomes');
  const child = new Process({ target: putSelfCausedThenMore, args: [q, file] });
  cleanUp(t, child);
  child.start();
  await within(child.join(), RUN_MS, 'the child');
  t.is(child.exitCode, 0);
  const [refused, next] = readJson<string[]>(file)!;
  t.regex(refused!, /^SerializationError: a Queue item cannot be sent to another process/);
  t.is(next, 'resolved', 'the same connection served the next put');
  t.is(await within(q.get(), PROMPT_MS, 'the item put after'), 'after');
  t.is(await q.qsize(), 0);
  report(t, {
    section: 'defect',
    defect: 15,
    tried: 'a child puts an Error that is its own cause on a queue the parent hosts, then a plain item',
    outcome: `the first put rejected (${refused!.slice(0, 60)}…), the second arrived; the parent lived on`,
  });
});
