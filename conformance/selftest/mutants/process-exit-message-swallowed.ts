import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-exit-message-swallowed',
  area: 'process',
  violation:
    'an exit with a non-numeric status is taken as exit(None): nothing is printed and the status is 0 (emulated on ' +
    'the exit task, the catalog\'s stand-in for sys.exit / process.exit)',
  aims: ['process.exitcode.non-numeric-status-is-one', 'process.stderr.non-numeric-status-is-printed'],
  reaches: (t) =>
    t.some('session', 'createProcess', (e) => {
      const { target, args = [] } = e.args[0] as { target: string; args?: unknown[] };
      return target === 'exitWith' && typeof args[0] === 'string';
    }),
  processOptions: (options) =>
    options.target === 'exitWith' && typeof options.args?.[0] === 'string' ? { ...options, args: [null] } : options,
});
