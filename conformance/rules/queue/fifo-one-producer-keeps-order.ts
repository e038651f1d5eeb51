import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.fifo.one-producer-keeps-order',
  statement: 'Items from one producer come out in the order it put them, whether the producer is the getting process or a child.',
  source: 'python-docs',
  // multiprocessing.Queue "is a near clone of queue.Queue", which is FIFO.
  python: 'library/multiprocessing.html#multiprocessing.Queue',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 120_000,
  async check(session) {
    const queue = await session.createQueue!();
    const local = Array.from({ length: 50 }, (_, i) => `local-${i}`);
    for (const item of local) await queue.put(item);
    const gotLocal = [];
    for (let i = 0; i < local.length; i++) gotLocal.push(await queue.get({ timeoutMs: 10_000 }));
    expectEqual(gotLocal, local, 'items got after the same process put "local-0" … "local-49"');

    const remote = Array.from({ length: 150 }, (_, i) => ({ seq: i }));
    const child = await session.createProcess({ target: 'putItems', args: [queue, remote] });
    await child.start();
    const gotRemote = [];
    for (let i = 0; i < remote.length; i++) gotRemote.push(await queue.get({ timeoutMs: 60_000 }));
    await child.join(60_000);
    expectEqual(gotRemote, remote, 'items got after a child put {seq: 0} … {seq: 149}');
  },
});
