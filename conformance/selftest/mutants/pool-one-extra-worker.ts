import { cpus } from 'node:os';
import { defineMutant } from './lib/mutant.js';

/** Tasks that show which worker ran them. */
const IDENTITY = new Set(['getPid', 'workerIdentity']);

export default defineMutant({
  name: 'pool-one-extra-worker',
  area: 'pool',
  violation: 'a Pool starts one worker more than asked (an off-by-one in the worker loop)',
  aims: ['pool.pids.at-most-processes-workers'],
  // Only a rule that looks at the workers (their pids, their initializer) can count them: one worker more
  // makes no result wrong and no wait longer.
  reaches: (t) =>
    t.submissions().some((e) => IDENTITY.has(String(e.args[0]))) ||
    t.some('session', 'createPool', (e) => (e.args[0] as { initializer?: string }).initializer !== undefined),
  poolOptions: (options) =>
    (options.processes ?? 1) < 1 ? options : { ...options, processes: (options.processes ?? cpus().length) + 1 },
});
