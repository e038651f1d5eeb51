import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-null-args-as-text',
  area: 'process',
  violation: "a null argument reaches the target as the text 'null' (as argv would carry it): exit(None) becomes exit('null'), a failure",
  aims: ['process.exitcode.exit-none-is-zero'],
  reaches: (t) => t.some('session', 'createProcess', (e) => ((e.args[0] as { args?: unknown[] }).args ?? []).includes(null)),
  processOptions: (options) => ({ ...options, args: (options.args ?? []).map((arg) => (arg === null ? 'null' : arg)) }),
});
