import type { ProcessInfo } from '../../harness/implementation.js';
import { defineMutant, type SessionContext } from './lib/mutant.js';

/** Children once listed and not joined since, by pid. */
function remembered(session: SessionContext): Map<number, ProcessInfo> {
  let map = session.shared.get('remembered') as Map<number, ProcessInfo> | undefined;
  if (map === undefined) session.shared.set('remembered', (map = new Map()));
  return map;
}

export default defineMutant({
  name: 'process-active-children-never-reaped',
  area: 'process',
  violation: 'a child leaves the activeChildren() list only when it is joined: one that ended unjoined stays listed',
  aims: ['process.activechildren.drops-finished-children'],
  reaches: (t) => t.some('session', 'activeChildren'),
  process: {
    join: (base, { session }) => async (timeoutMs) => {
      await base.join(timeoutMs);
      const pid = await base.pid();
      if (pid !== null && (await base.exitCode()) !== null) remembered(session).delete(pid);
    },
  },
  session: {
    activeChildren: (base, session) => async () => {
      const listed = await base.activeChildren!();
      const seen = remembered(session);
      for (const child of listed) seen.set(child.pid, child);
      return [...seen.values()];
    },
  },
});
