/**
 * The task a cluster worker's local pool runs for each chunk: decode the items, run the chunk as a local pool
 * worker runs one (run-chunk.ts), encode the result. It runs in the local pool's child, so neither the task nor
 * the (de)serialization of its values ever blocks the BullMQ worker's event loop, whose lock renewals must go
 * on while chunks compute (a stalled lock runs the chunk a second time elsewhere).
 *
 * It is part of the library (and of its bundle: chunk-task-hook.ts), and chunk-task.ts registers it from its own
 * module URL. In the built package a separate bundle of this code held its own copies of the worker's modules (the
 * running task, progress), which replaced the worker's own when a local child imported it: a cluster task's
 * currentTask().signal never fired and its progress() went nowhere (found in review, s7).
 */
import { tasks, loadTask, type TaskFunction } from '../../task-registry.js';
import type { ModuleMeta } from '../../module-ref.js';
import { importModule } from '../../import-module.js';
import { packResults } from '../../pool/bytes.js';
import { runChunk } from '../child-process/run-chunk.js';
import { decodeItems, encodeResult, type TimedResult } from './job-codec.js';
import { thisProcess, type RemoteProcess } from './remote-origin.js';
import { offsetsInsideValues } from './progress-relay.js';
import { decodeWithClasses, localClasses } from './class-args.js';
import { TaskResolver } from './task-resolver.js';
import { encodeError } from '../../remote-error.js';

/** This process, once: a worker command's child runs for one worker command, and hostname() is a syscall. */
let here: RemoteProcess | undefined;

/**
 * The tasks this process has run, by module URL and key: loadTask's dynamic import of a module imported already
 * still costs several turns of the event loop per chunk (issue 19's one-at-a-time round trips). The URLs are the
 * worker command's own modules (task-resolver.ts), so the map is as small as their registered tasks.
 */
const loaded = new Map<string, Map<string, TaskFunction>>();

async function loadOnce(moduleUrl: string, key: string): Promise<TaskFunction> {
  const fn = await loadTask({ moduleUrl, key });
  let keys = loaded.get(moduleUrl);
  if (keys === undefined) loaded.set(moduleUrl, keys = new Map());
  keys.set(key, fn);
  return fn;
}

/**
 * `moduleUrl` is one of the modules the worker command was started with (task-resolver.ts), never Redis's word.
 * `worker`: the worker command's name (`host:pid`), for the result's origin.
 */
export async function runClusterChunk(moduleUrl: string, key: string, star: boolean, payload: string, worker: string,
  reports = false, modules?: readonly string[]): Promise<string | TimedResult> {
  const fn = loaded.get(moduleUrl)?.get(key) ?? await loadOnce(moduleUrl, key);
  // From the items' decoding to the result's encoding: the chunk's cost here, not the task's import above.
  const started = process.hrtime();
  here ??= thisProcess(worker);
  let items;
  let classes;
  // modules: the payload holds registered class instances, whose modules resolve among these (class-args.ts).
  if (modules === undefined) items = decodeItems(payload);
  else {
    const decoded = decodeWithClasses(payload);
    const resolver = new TaskResolver(modules);
    try {
      classes = localClasses(decoded.classes, (url) => resolver.localModule(url));
    } catch (error) {
      return encodeResult(packResults([{ seq: 0, ok: false, values: [], failedAt: 0, error: encodeError(error), remote: here }]));
    }
    items = decoded.values;
  }
  // reports: the call asked for progress, and the local call was given onProgress (progress-relay.ts).
  const result = await runChunk({ seq: 0, fn: 0, items, star, queues: undefined, classes, reports }, fn);
  // A failure says where it ran: this process, a child of the worker command (remote-origin.ts). A success carries
  // it too, for a value that then cannot be sent back (bytes.ts makes that a failure); the wire drops it otherwise.
  const encoded = encodeResult(packResults([{ ...result, remote: here }]));
  if (!result.ok) return encoded;
  // Only a chunk that ran to its end says how long its items took (chunk-sizer.ts): a failed one stopped early.
  const [s, ns] = process.hrtime(started);
  return { r: encoded, t: s * 1e3 + ns / 1e6, h: here };
}

/**
 * The initializer of a worker command's local pools (but one given the pool's own initializer, which imports its
 * module): each process imports the task modules before its first chunk, so a chunk's timeoutMs, counted by the
 * local pool from its start, is not spent importing its task's module (under load, seconds).
 * `modules` are the worker command's own, never a job's.
 */
export async function preloadModules(modules: readonly string[]): Promise<void> {
  for (const moduleUrl of modules) await importModule(moduleUrl);
}

/** The chunk runner, registered as tasks of the module `meta` names (chunk-task.ts), its progress made relative. */
export function installClusterChunkTask(meta: ModuleMeta): { runClusterChunk: typeof runClusterChunk; preloadModules: typeof preloadModules } {
  tasks(meta, { runClusterChunk, preloadModules });
  offsetsInsideValues();
  return { runClusterChunk, preloadModules };
}
