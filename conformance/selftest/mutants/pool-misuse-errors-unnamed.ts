import { defineMutant } from './lib/mutant.js';

/** The parent's own refusals, as multiproc names them. */
const MISUSE = new Set(['PoolStateError', 'NotReadyError', 'RangeError']);

/** A refusal thrown as a bare Error: the message is kept, the class that names the misuse is not. */
const bare = (error: unknown): never => {
  if (error instanceof Error && MISUSE.has(error.name)) throw new Error(error.message);
  throw error;
};

export default defineMutant({
  name: 'pool-misuse-errors-unnamed',
  area: 'pool',
  violation: 'misuse of a Pool (closed, still running, not ready) raises a plain Error with the right message but no class of its own',
  aims: ['pool.misuse.raises-multiproc-error-classes'],
  reaches: (t) =>
    t.some('session', 'createPool', (e) => e.threw === true) ||
    t.some('pool', ['map', 'starmap', 'apply', 'applyAsync', 'mapAsync', 'starmapAsync', 'imap', 'imapUnordered', 'join'], (e) => e.threw === true) ||
    t.some('result', 'successful', (e) => e.threw === true),
  pool: {
    map: (base) => (...args) => base.map(...args).catch(bare),
    starmap: (base) => (...args) => base.starmap(...args).catch(bare),
    apply: (base) => (...args) => base.apply(...args).catch(bare),
    applyAsync: (base) => (...args) => base.applyAsync(...args).catch(bare),
    mapAsync: (base) => (...args) => base.mapAsync(...args).catch(bare),
    starmapAsync: (base) => (...args) => base.starmapAsync(...args).catch(bare),
    join: (base) => () => base.join().catch(bare),
  },
  result: {
    successful: (base) => () => base.successful().catch(bare),
  },
});
