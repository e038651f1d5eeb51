import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.example.results-carry-each-childs-pid',
  statement:
    "Each (n, n*n, pid) a child puts carries that child's own pid: four different pids, none of them the parent's, so the work ran in separate processes.",
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
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await queue.get({ timeoutMs: 90_000 })) as [number, number, number]);
    for (const p of processes) await p.join(90_000);
    const parent = (await session.currentProcess()).pid;
    for (const [n, , pid] of results) {
      expectEqual(pid, await processes[n]!.pid(), `pid in the result for n = ${n} against pid() of the Process started with ${n}`);
    }
    const pids = results.map(([, , pid]) => pid);
    expectTrue(!pids.includes(parent), `no result was computed by the parent (pid ${parent})`, pids);
    expectEqual(new Set(pids).size, 4, 'number of different pids among the four results');
  },
});
