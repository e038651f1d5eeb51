import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.activechildren.lists-started-living-children',
  statement: 'active_children() lists the children that were started and still run: not one created but never started.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.active_children',
  needs: ['process', 'process.active-children'],
  timeoutMs: 60_000,
  async check(session) {
    expectEqual(await session.activeChildren!(), [], 'activeChildren() before any child');
    const first = await session.createProcess({ target: 'sleepFor', args: [30_000], name: 'Listed-1' });
    const unstarted = await session.createProcess({ target: 'sleepFor', args: [30_000], name: 'Never-Started' });
    const second = await session.createProcess({ target: 'sleepFor', args: [30_000], name: 'Listed-2' });
    await first.start();
    await second.start();
    const listed = await session.activeChildren!();
    const expected = [
      { name: 'Listed-1', pid: await first.pid(), daemon: false },
      { name: 'Listed-2', pid: await second.pid(), daemon: false },
    ];
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expectEqual([...listed].sort(byName), expected, 'activeChildren() with two started children and one never started');
    await first.terminate();
    await second.terminate();
    await first.join();
    await second.join();
    await unstarted.close();
  },
});
