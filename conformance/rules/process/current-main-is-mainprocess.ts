import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.current.main-is-mainprocess',
  statement: "In the main process, current_process() is named 'MainProcess' and is not daemonic.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _MainProcess',
  needs: ['process'],
  async check(session) {
    const me = await session.currentProcess();
    expectEqual(me.name, 'MainProcess', 'currentProcess().name in the parent');
    expectEqual(me.daemon, false, 'currentProcess().daemon in the parent');
    expectTrue(Number.isInteger(me.pid) && me.pid > 0, 'currentProcess().pid is a positive integer', me.pid);
  },
});
