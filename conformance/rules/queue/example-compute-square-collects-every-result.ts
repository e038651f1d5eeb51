import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.example.compute-square-collects-every-result',
  statement:
    'Four children each put (n, n*n, pid) on one Queue; once the parent has joined them all, it drains exactly the four results with empty() and get().',
  source: 'seed',
  python: 'seed: Multiple Processes and Separate Memory',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 180_000,
  async check(session) {
    const queue = await session.createQueue!();
    const processes = [];
    for (let i = 0; i < 4; i++) {
      const p = await session.createProcess({ target: 'putSquare', args: [i, queue] });
      processes.push(p);
      await p.start();
    }
    for (const [i, p] of processes.entries()) {
      await p.join(90_000);
      expectEqual(await p.exitCode(), 0, `exitCode() of compute_square(${i}, queue) after join()`);
    }
    // The seed's loop: `while not queue.empty(): n, result, pid = queue.get()`. get() is bounded only so that an
    // empty() that lies cannot hang the rule; the seed's results are there already.
    const results: unknown[] = [];
    while (!(await queue.empty()) && results.length < 8) results.push(await queue.get({ timeoutMs: 10_000 }));
    expectTrue(results.every((r) => Array.isArray(r) && r.length === 3), 'every result is a (n, n*n, pid) triple', results);
    const squares = (results as number[][]).map(([n, square]) => [n, square]).sort((a, b) => a[0]! - b[0]!);
    expectEqual(squares, [[0, 0], [1, 1], [2, 4], [3, 9]], '(n, n*n) of the results drained with empty()/get() after joining the four children');
    expectEqual(await queue.empty(), true, 'empty() after draining');
  },
});
