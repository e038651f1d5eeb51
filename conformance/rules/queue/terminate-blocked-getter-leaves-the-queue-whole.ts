import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.terminate.blocked-getter-leaves-the-queue-whole',
  statement:
    'Terminating a child while it waits in get() on a queue leaves the queue whole: an item the parent puts afterwards is got by the parent, and the next one by a new child.',
  source: 'beyond',
  needs: ['process', 'queue', 'queue.cross-process'],
  cpython: {
    does: "The terminated child dies holding the queue's read lock (Queue.get holds it while it waits), so no other process can get from that queue again: the parent's get() raises Empty though an item is there.",
    failure: /get\(\{timeoutMs: 10000\}\) in the parent.*expected "after", observed "Empty"/,
  },
  timeoutMs: 90_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const ready = join(context.tmpdir, 'ready.txt');
    const child = await session.createProcess({ target: 'readyThenGet', args: [queue, ready, 60_000] });
    await child.start();
    expectEqual(await eventually(() => readFile(ready, 'utf8').catch(() => ''), (text) => text === 'ready', 30_000), 'ready', 'what readyThenGet wrote before its get()');
    // "ready" comes just before the get(): a second more and the child waits inside it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await child.terminate();
    await child.join(30_000);
    expectEqual(await child.exitCode(), -15, 'exitCode() of the child terminated in its get()');
    await queue.put('after');
    const got = await queue.get({ timeoutMs: 10_000 }).then(
      (item) => item,
      // Empty must be a real Error of that class, not an object that only carries the name.
      (error: unknown) => (error instanceof Error ? error.name : `a thrown ${typeof error}, not an Error`),
    );
    expectEqual(got, 'after', 'what get({timeoutMs: 10000}) in the parent gave, after the parent put "after"');
    await queue.put('next');
    const recorded = join(context.tmpdir, 'got.json');
    const next = await session.createProcess({ target: 'getAndRecord', args: [queue, recorded, 1, 10_000] });
    await next.start();
    await next.join(30_000);
    expectEqual(JSON.parse(await readFile(recorded, 'utf8').catch(() => 'null')), ['next'], 'what a new child got from the queue afterwards');
  },
});
