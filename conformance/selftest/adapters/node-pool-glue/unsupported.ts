/**
 * The reasons shared by the Node pool adapters for what none of these libraries has: a Process, a Queue, imap.
 * Each adapter adds its own reasons for the rest.
 */
import { CAPABILITIES, type Capability } from '../../../harness/index.js';

type Reasons = Partial<Record<Capability, string>>;

/** Every capability of the Process area, read from the contract: one added there is covered here too. */
export const PROCESS_CAPABILITIES = (Object.keys(CAPABILITIES) as Capability[]).filter((capability) => capability.startsWith('process'));

/** What a pool-only library lacks, in its name's words. */
export function poolOnlyReasons(library: string): Reasons {
  const noProcess = `${library} has no Process: it only runs functions in a pool of workers`;
  const noImap = `${library} has no imap/imap_unordered: one promise per task, or per map`;
  return {
    ...Object.fromEntries(PROCESS_CAPABILITIES.map((capability) => [capability, noProcess])),
    'pool.imap': noImap,
    'pool.imap.next': noImap,
    'pool.input': `${library} has no map over an iterable: the adapter maps arrays, one task per item`,
    'pool.input.async': `${library} has no map over an async iterable`,
    'pool.callbacks.throwing':
      `${library} has no callbacks: the adapter records the promise's outcome as the callbacks, so a callback that throws would test the adapter, not ${library}`,
    'pool.unsendable': 'not wired in this adapter (what cannot be cloned to a worker is not checked here)',
    'pool.cancel': `${library} gives a running task no signal to see an abort by: the rules need the task itself told`,
    'pool.timeout': `${library} has no per-task timeout counted from the task's start that signals the task and stops its worker`,
    'pool.crash-diagnostics': `${library}'s error for a dead worker carries no stderr tail, task name or out-of-memory flag`,
    'pool.progress': `${library} has no progress listener on a call: a running task cannot report how far it got, and a map says nothing until it ends`,
    'pool.recycle': `${library} has no memory limit per worker checked after each task, with the worker's queued tasks handed on`,
    'pool.stats': `${library}'s own figures, where it has any, count no workers recycled by reason: not wired in this adapter`,
    'pool.error-origin': `${library}'s task errors do not say which worker process raised them`,
    'pool.chunks-by-work': `${library} does not cut a map into chunks by measured work: the adapter sends one task per item`,
    queue: `${library} has no Queue: a worker talks only to its pool`,
    'queue.bounded': `${library} has no Queue`,
    'queue.cross-process': `${library} has no Queue`,
  };
}
