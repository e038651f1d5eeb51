import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.daemon.cannot-change-after-start',
  statement: 'Setting the daemon flag after start() is an error, while running and after exit, and leaves the flag unchanged.',
  source: 'seed',
  python: 'seed: Process Names and Daemon Processes',
  needs: ['process', 'process.daemon'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [300] });
    await p.start();
    await expectRejects(() => p.setDaemon(true), /process has already started/, 'setDaemon(true) while running');
    expectEqual(await p.daemon(), false, 'daemon() after the refused setDaemon(true)');
    await p.join();
    await expectRejects(() => p.setDaemon(true), /process has already started/, 'setDaemon(true) after exit');
    expectEqual(await p.daemon(), false, 'daemon() after exit and the refused setDaemon(true)');
  },
});
