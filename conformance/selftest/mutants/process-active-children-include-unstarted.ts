import type { ProcessHandle, ProcessInfo } from '../../harness/implementation.js';
import { defineMutant, type SessionContext } from './lib/mutant.js';

/** Every handle the session created, in order, with whether it was started. */
function created(session: SessionContext): { handle: ProcessHandle; started: () => boolean }[] {
  let list = session.shared.get('created') as { handle: ProcessHandle; started: () => boolean }[] | undefined;
  if (list === undefined) session.shared.set('created', (list = []));
  return list;
}

export default defineMutant({
  name: 'process-active-children-include-unstarted',
  area: 'process',
  violation: 'activeChildren() lists every Process created, started or not (the list is filled at creation, not at start())',
  aims: ['process.activechildren.lists-started-living-children'],
  reaches: (t) => t.some('session', 'activeChildren') && t.some('session', 'createProcess'),
  process: {
    // Registered when the handle is made: the fault is a list kept from creation on.
    start: (base, { session, life }) => {
      created(session).push({ handle: base, started: () => life.started });
      return base.start;
    },
  },
  session: {
    activeChildren: (base, session) => async () => {
      const listed = await base.activeChildren!();
      const extra: ProcessInfo[] = [];
      for (const { handle, started } of created(session)) {
        if (started()) continue;
        try {
          extra.push({ name: await handle.name(), pid: 0, daemon: await handle.daemon() });
        } catch {
          // Closed: gone from every list.
        }
      }
      return [...listed, ...extra];
    },
  },
});
