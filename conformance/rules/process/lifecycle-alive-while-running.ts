import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.lifecycle.alive-while-running',
  statement: 'A Process is alive from the moment start() returns until its target finishes.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.is_alive',
  needs: ['process'],
  async check(session) {
    await withProcess(session, { target: 'sleepFor', args: [5000] }, async (p) => {
      await p.start();
      expectEqual(await p.isAlive(), true, 'isAlive() right after start() of a 5 s task');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expectEqual(await p.isAlive(), true, 'isAlive() 300 ms into a 5 s task');
    });
  },
});
