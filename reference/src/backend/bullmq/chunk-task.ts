/**
 * The task a cluster worker's local pool runs for each chunk: decode the items, run the chunk as a local pool
 * worker runs one (run-chunk.ts), encode the result. It runs in the local pool's child, so neither the task nor
 * the (de)serialization of its values ever blocks the BullMQ worker's event loop, whose lock renewals must go
 * on while chunks compute (a stalled lock runs the chunk a second time elsewhere).
 */
import { tasks, loadTask } from '../../task-registry.js';
import { packResults } from '../../pool/bytes.js';
import { runChunk } from '../child-process/run-chunk.js';
import { decodeItems, encodeResult } from './job-codec.js';
import { thisProcess, type RemoteProcess } from './remote-origin.js';

/** This process, once: a worker command's child runs for one worker command, and hostname() is a syscall. */
let here: RemoteProcess | undefined;

/**
 * `moduleUrl` is one of the modules the worker command was started with (task-resolver.ts), never Redis's word.
 * `worker`: the worker command's name (`host:pid`), for the result's origin.
 */
export async function runClusterChunk(moduleUrl: string, key: string, star: boolean, payload: string, worker: string): Promise<string> {
  const fn = await loadTask({ moduleUrl, key });
  const items = decodeItems(payload);
  // reports: false, the cluster carries no progress yet.
  const result = await runChunk({ seq: 0, fn: 0, items, star, queues: undefined, classes: undefined, reports: false }, fn);
  // A failure says where it ran: this process, a child of the worker command (remote-origin.ts). A success carries
  // it too, for a value that then cannot be sent back (bytes.ts makes that a failure); the wire drops it otherwise.
  here ??= thisProcess(worker);
  return encodeResult(packResults([{ ...result, remote: here }]));
}

tasks(import.meta, { runClusterChunk });
