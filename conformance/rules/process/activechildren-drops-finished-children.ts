import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.activechildren.drops-finished-children',
  statement:
    'A child that has ended is no longer listed by active_children(), even if nobody joined it (active_children() ' +
    'reaps it).',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: active_children() calls _cleanup(), which drops every child whose poll() has a result',
  needs: ['process', 'process.active-children'],
  async check(session) {
    const quick = await session.createProcess({ target: 'noop', name: 'Quick-One' });
    const slow = await session.createProcess({ target: 'sleepFor', args: [30_000], name: 'Slow-One' });
    await quick.start();
    await slow.start();
    // The child ends at once; its end is seen within seconds, without join().
    const names = (await eventually(
      async () => (await session.activeChildren!()).map((child) => child.name),
      (listed) => !listed.includes('Quick-One'),
      10_000,
    ));
    expectEqual(names, ['Slow-One'], 'activeChildren() once Quick-One has ended (not joined)');
    expectTrue((await quick.exitCode()) === 0, 'Quick-One ended with exit code 0', await quick.exitCode());
    await slow.kill();
    await slow.join();
    expectEqual(await session.activeChildren!(), [], 'activeChildren() once both ended');
  },
});
