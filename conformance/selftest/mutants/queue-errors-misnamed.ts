import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/** The implementation's own class names leak through instead of Python's queue.Empty and queue.Full. */
const LEAKED: Record<string, string> = { Empty: 'QueueEmpty', Full: 'QueueFull' };

const renamed = (error: unknown): never => {
  if (error instanceof Error && LEAKED[error.name] !== undefined) {
    Object.defineProperty(error, 'name', { value: LEAKED[error.name], configurable: true, writable: true });
  }
  throw error;
};

function renaming<K extends 'get' | 'getNowait' | 'put' | 'putNowait'>(key: K) {
  return (base: QueueHandle) =>
    ((...args: never[]) => (base[key] as (...a: never[]) => Promise<unknown>)(...args).catch(renamed)) as QueueHandle[K];
}

export default defineMutant({
  name: 'queue-errors-misnamed',
  area: 'queue',
  violation: "a get that finds no item raises 'QueueEmpty' and a put that finds no room 'QueueFull', not Python's Empty and Full",
  aims: ['queue.get.nowait-on-empty-raises-empty', 'queue.put.nowait-on-full-raises-full'],
  reaches: (t) => t.some('queue', ['get', 'getNowait', 'put', 'putNowait'], (e) => e.threw === true),
  queue: { get: renaming('get'), getNowait: renaming('getNowait'), put: renaming('put'), putNowait: renaming('putNowait') },
});
