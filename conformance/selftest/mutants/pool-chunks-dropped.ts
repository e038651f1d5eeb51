import { cpus } from 'node:os';
import type { PoolOptions } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { itemsOf, MAP_LIKE } from './lib/trace-view.js';

/** Python's default chunksize for map: about four chunks per worker. */
function effectiveChunksize(op: string, length: number, options: PoolOptions, chunksize: number | undefined): number {
  if (chunksize !== undefined) return chunksize;
  if (op === 'imap' || op === 'imapUnordered') return 1;
  const per = (options.processes ?? cpus().length) * 4;
  const [size, extra] = [Math.floor(length / per), length % per];
  return extra > 0 ? size + 1 : size;
}

/** The items that survive: whole chunks only (a last, shorter chunk is never sent). */
function wholeChunks<T>(op: string, items: readonly T[], options: PoolOptions, chunksize: number | undefined): readonly T[] {
  const size = effectiveChunksize(op, items.length, options, chunksize);
  if (!Number.isInteger(size) || size < 1) return items;
  return items.slice(0, items.length - (items.length % size));
}

export default defineMutant({
  name: 'pool-chunks-dropped',
  area: 'pool',
  violation: 'when the chunksize does not divide the input, the last (shorter) chunk is never sent: its items are missing from the results',
  aims: ['pool.map.chunksize-not-dividing-input-keeps-every-item', 'pool.imap.chunksize-keeps-order'],
  reaches: (t) =>
    t.some('pool', MAP_LIKE, (e) => {
      const items = itemsOf(e);
      return wholeChunks(e.op, items, t.options<PoolOptions>(e.handle), e.args[2] as number | undefined).length !== items.length;
    }),
  pool: {
    map: (base, { options }) => (task, items, chunksize) => base.map(task, wholeChunks('map', items, options, chunksize), chunksize),
    starmap: (base, { options }) => (task, argLists, chunksize) =>
      base.starmap(task, wholeChunks('starmap', argLists, options, chunksize), chunksize),
    mapAsync: (base, { options }) => (task, items, chunksize) =>
      base.mapAsync(task, wholeChunks('mapAsync', items, options, chunksize), chunksize),
    starmapAsync: (base, { options }) => (task, argLists, chunksize) =>
      base.starmapAsync(task, wholeChunks('starmapAsync', argLists, options, chunksize), chunksize),
    imap: (base, { options }) => (task, items, chunksize) => base.imap(task, wholeChunks('imap', items, options, chunksize), chunksize),
    imapUnordered: (base, { options }) => (task, items, chunksize) =>
      base.imapUnordered(task, wholeChunks('imapUnordered', items, options, chunksize), chunksize),
  },
});
