import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-name-counter-per-kind',
  area: 'process',
  violation: "Processes count their default names apart from pool workers: 'Process-N' numbers skip none the workers took",
  aims: ['process.name.pool-workers-share-the-counter'],
  reaches: (t) => t.some('process', 'name', (e) => t.options<{ name?: string }>(e.handle).name === undefined) && t.some('session', 'createPool'),
  // A count of their own, from 1 in each session, which pool workers do not advance.
  process: {
    name: (base, { options, session, state }) => {
      if (options.name === undefined) state.number = ((session.shared.get('processes') as number | undefined) ?? 0) + 1;
      if (options.name === undefined) session.shared.set('processes', state.number);
      return async () => (options.name === undefined ? `Process-${state.number as number}` : base.name());
    },
  },
});
