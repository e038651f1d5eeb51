import { defineMutant } from './lib/mutant.js';

/**
 * The reference's queue host, as the library keeps it (a global, so that a bundled second copy of the library shares
 * it): its queues by id, and the next id it will give.
 */
interface HostState {
  readonly stores: Map<number, { close(): void }>;
  readonly nextId: number;
}

function hostState(): HostState | undefined {
  return (globalThis as { [key: symbol]: HostState | undefined })[Symbol.for('multiproc.queueHost')];
}

/**
 * close() in the process that created a queue closes the queue itself, not only that process's use of it: it drops
 * the items still in it, fails the gets and puts other processes wait in, and refuses their later calls (what the
 * reference did before it followed Python). Emulated by closing and forgetting the queue's store in its host, as that
 * close() did. The store's id is the one the host was about to give when the queue was created (`queueOptions` runs
 * just before the reference makes it).
 */
export default defineMutant({
  name: 'queue-close-ends-the-queue-for-everyone',
  area: 'queue',
  violation: 'close() in the process that created a queue closes it for every process, dropping the items still in it',
  aims: ['queue.close.items-put-before-close-still-arrive', 'queue.close.by-its-creator-leaves-the-queue-to-the-others'],
  reaches: (t) => t.some('queue', 'close') && t.some('session', ['createProcess', 'createPool']),
  queueOptions: (options, { shared }) => {
    const ids = (shared.get('ids') as number[] | undefined) ?? [];
    ids.push(hostState()?.nextId ?? 0);
    shared.set('ids', ids);
    return options;
  },
  queue: {
    close: (base, { session }) => {
      // Queues are made in the order their options were seen: this one's id is the oldest not yet claimed.
      const id = (session.shared.get('ids') as number[]).shift()!;
      return async () => {
        await base.close();
        const stores = hostState()?.stores;
        stores?.get(id)?.close();
        stores?.delete(id);
      };
    },
  },
});
