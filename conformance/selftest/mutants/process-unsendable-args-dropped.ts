import { UNSENDABLE_MARK } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

const isUnsendable = (value: unknown) => typeof value === 'object' && value !== null && (value as Record<string, unknown>)[UNSENDABLE_MARK] === true;

export default defineMutant({
  name: 'process-unsendable-args-dropped',
  area: 'process',
  violation: 'arguments are sent as JSON: a function among them silently becomes null, and the child starts',
  aims: ['process.args.unsendable-fails-in-the-parent'],
  reaches: (t) => t.some('session', 'createProcess', (e) => ((e.args[0] as { args?: unknown[] }).args ?? []).some(isUnsendable)),
  processOptions: (options) => ({ ...options, args: (options.args ?? []).map((arg) => (isUnsendable(arg) ? null : arg)) }),
});
