import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-name-not-passed',
  area: 'process',
  violation: 'a given name stays in the parent: the child runs under its default name',
  aims: ['process.name.child-sees-its-name', 'process.current.child-reports-own-identity'],
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { name?: string }).name !== undefined),
  processOptions: ({ name: _dropped, ...options }) => options,
  process: {
    name: (base, { options }) => async () => options.name ?? (await base.name()),
  },
});
