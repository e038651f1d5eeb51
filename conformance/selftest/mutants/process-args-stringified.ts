import { defineMutant } from './lib/mutant.js';

/** A plain object or array: what the reference sends by structured clone and argv would turn into text. */
const isStructured = (value: unknown) =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype &&
    !Object.values(value).some((v) => typeof v === 'function'));

export default defineMutant({
  name: 'process-args-stringified',
  area: 'process',
  violation: "object and array arguments reach the target as text (String(value), as argv would carry them), not as values",
  aims: ['process.args.reach-the-target'],
  reaches: (t) =>
    t.some('session', 'createProcess', (e) =>
      ((e.args[0] as { args?: unknown[] }).args ?? []).some((arg) => isStructured(arg) && !('handle' in (arg as object)))),
  processOptions: (options) => ({ ...options, args: (options.args ?? []).map((arg) => (isStructured(arg) ? String(arg) : arg)) }),
});
