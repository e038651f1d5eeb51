import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-name-made-unique',
  area: 'process',
  violation: "a name already given to another Process gets a suffix ('Worker-2') instead of being shared",
  aims: ['process.name.given-is-kept'],
  reaches: (t) =>
    t.some('process', 'name', (e) => {
      const given = t.options<{ name?: string }>(e.handle).name;
      return given !== undefined && t.calls('session', 'createProcess').some((c) => c.creates! < e.handle && (c.args[0] as { name?: string }).name === given);
    }),
  process: {
    name: (base, { options, session }) => {
      // Counted when the Process is created, as a registry of names would.
      const used = (session.shared.get('names') as Map<string, number> | undefined) ?? new Map<string, number>();
      session.shared.set('names', used);
      const given = options.name;
      const seen = given === undefined ? 0 : (used.get(given) ?? 0) + 1;
      if (given !== undefined) used.set(given, seen);
      return async () => {
        const name = await base.name();
        return seen > 1 ? `${name}-${seen}` : name;
      };
    },
  },
});
