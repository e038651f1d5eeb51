import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.nested.child-passes-its-queue-to-a-grandchild',
  statement:
    'A child can pass the queue it was given on to a child of its own: what the grandchild puts reaches the parent, beside what the child put.',
  source: 'python-docs',
  python:
    'library/multiprocessing.html#all-start-methods (Explicitly pass resources to child processes: "it is better to pass the object as an argument to the constructor for the child process"); CPython\'s TestStartMethod.test_nested_startmethod (gh-108520)',
  needs: ['process', 'process.nested', 'queue', 'queue.cross-process'],
  timeoutMs: 90_000,
  async check(session) {
    const queue = await session.createQueue!();
    const child = await session.createProcess({ target: 'putThenNest', args: [queue, 'from the child', 'from the grandchild'] });
    await child.start();
    await child.join(60_000);
    expectEqual(await child.exitCode(), 0, 'exitCode() of the child once it joined its own child (join(60000))');
    const got = [await queue.get({ timeoutMs: 10_000 }), await queue.get({ timeoutMs: 10_000 })];
    // Two producers: the order between them is not promised (CPython's test compares sets too, gh-109706).
    expectEqual([...got].sort(), ['from the child', 'from the grandchild'], 'the two items the parent got (in any order)');
  },
});
