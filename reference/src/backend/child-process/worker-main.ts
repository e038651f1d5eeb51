/**
 * Entry point of a pool worker: runs the initializer once, then runs the chunks it is sent, in order, one at
 * a time (as Python's worker loop does), and answers the chunks it finished in one go with one message.
 * @python multiprocessing.pool.worker
 */
import { serialize } from 'node:v8';
import { whileImportingTask } from '../../bootstrapping.js';
import { TaskTimeoutError } from '../../errors.js';
import { adoptIdentity } from '../../identity.js';
import { ownChannel } from '../../own-channel.js';
import { encodeError, formatThrown } from '../../remote-error.js';
import { reviveFromParent } from '../../class-modules.js';
import { restoreDefaultSignals } from '../../process/default-signals.js';
import { loadTask, type TaskFunction } from '../../task-registry.js';
import { packResults } from '../../pool/bytes.js';
import { ChunkQueue } from '../../pool/chunk-queue.js';
import type { BatchMessage, ChunkResult, FromWorker, InitMessage, ToWorker } from '../protocol.js';
import { queueTransfer } from '../../pool/queue-transfer-on-demand.js';
import { runChunk, skipChunk } from './run-chunk.js';
import { decodeChunks, type WorkerChunk } from './wire.js';
import { exitFlushed } from './exit-flushed.js';
import { cancelled, cancelTasks, taskEnds, taskStarts } from './running-task.js';
import { makeStderrBlocking } from './blocking-stderr.js';
import { provideProgressSender, reportingEnds, reportingStarts } from './progress-out.js';
import { MemoryWatch } from './memory-watch.js';
import { receiveWithBulk, sendFrames } from './worker-bulk.js';
import { serializeBulk } from './bulk.js';
import { clock } from './worker-clock.js';

// Before any task module loads: task code must not be able to forge the pool's messages.
const sendOwn = ownChannel('a pool worker');

/** Results are held back at most this long while more chunks run, then sent together. */
const COALESCE_MS = 1;
/** After a synchronous chunk this slow, the worker reads its channel before the next (see drain). */
const YIELD_AFTER_MS = 20;

const functions = new Map<number, TaskFunction | Promise<TaskFunction>>();
const queue = new ChunkQueue<WorkerChunk>();
/** Results finished and not yet sent, oldest first. */
let unsent: ChunkResult[] = [];
/** The last `through` the parent was told: chunks up to it may run before the next report. */
let holdingThrough: number | undefined;
/** The chunk running now, if any. */
let runningSeq: number | undefined;
let initialized: Promise<void> | undefined;
let initializedDone = false;
/** The initializer threw: the worker runs no task, and leaves once its report is out or its parent is gone. */
let initFailed = false;
let maxTasks: number | null = null;
let memory = new MemoryWatch(undefined);
let done = 0;
let running = false;

restoreDefaultSignals();
makeStderrBlocking();

// The parent finds a progress message's chunk first in line: the results held back go first, with the same
// `through` (the parent's view of how far this worker may run is unchanged).
provideProgressSender((seq, offset, value) => {
  sendResults(holdingThrough);
  send({ kind: 'progress', seq, offset, value });
});

/**
 * Who started this worker. A worker busy with synchronous chunks never turns its event loop, so it cannot hear
 * its channel close; between chunks (at most every PARENT_CHECK_MS) it asks the kernel whether its parent is
 * still the one that started it, so a parent that died does not leave it running the rest of its batch.
 */
const parentPid = process.ppid;
const PARENT_CHECK_MS = 10;

// Workers die with their pool: a parent that exits, crashes or calls close() disconnects the channel.
// A worker retired before it finished starting still runs its initializer first, as Python's does.
process.on('disconnect', () => {
  void Promise.resolve(initialized).finally(() => exitFlushed(initFailed ? 1 : 0));
});

// A task that calls process.exit(), or an error that ends the process, must not take the results held back
// with it: they go now (a pipe write is attempted at once), with word that nothing after the running chunk ran.
process.on('exit', () => {
  if (unsent.length > 0 || holdingThrough !== undefined) sendResults(runningSeq);
});

process.on('message', receiveWithBulk((message: ToWorker) => {
  switch (message.kind) {
    case 'init':
      initialized = initialize(message).then(() => void (initializedDone = true));
      return;
    case 'batch':
      accept(message);
      return;
    case 'cancel':
      cancelTasks(message.seqs, isQueued, message.timeout === undefined ? undefined : new TaskTimeoutError(message.timeout));
      return;
    case 'release':
      release(message.seqs);
      return;
  }
}));

function send(message: FromWorker, then?: () => void): void {
  sendOwn(message, then);
}

async function initialize(message: InitMessage): Promise<void> {
  // Pool workers are daemonic in Python: they may not start processes of their own.
  adoptIdentity(message.name, true, [...message.identity], message.parent);
  maxTasks = message.maxTasks;
  memory = new MemoryWatch(message.maxMemoryMb);
  if (message.initializer !== null) {
    try {
      const ref = message.initializer;
      const initializer = await whileImportingTask(ref.moduleUrl, () => loadTask(ref));
      // Once the initializer's module has registered its classes.
      if (message.initClasses) await reviveFromParent(message.initClasses);
      const initargs = message.initQueues.length === 0 ? message.initargs : (await queueTransfer()).unpackQueues(message.initargs, message.initQueues);
      await initializer(...initargs);
    } catch (thrown) {
      process.stderr.write(`Process ${message.name}: initializer failed\n${formatThrown(thrown)}\n`);
      initFailed = true;
      // encodeError's output always reads back, so these bytes can be read by the parent.
      send({ kind: 'init-error', error: serialize(encodeError(thrown)) }, () => exitFlushed(1));
      return;
    }
  }
  send({ kind: 'ready' });
}

function accept(batch: BatchMessage): void {
  for (const { id, task } of batch.defines) {
    const loading = whileImportingTask(task.moduleUrl, () => loadTask(task));
    functions.set(id, loading);
    // Remember the function itself once loaded, so later chunks call it without awaiting; and say so, since a
    // task's timeout is counted from then.
    loading.then((fn) => {
      functions.set(id, fn);
      send({ kind: 'loaded', fn: id });
    }, () => send({ kind: 'loaded', fn: id }));
  }
  // The parent checked that every argument reads back. Should one still fail (a getter that answers differently
  // each time it is read), Node's reader throws before this runs and the worker dies: the parent then blames the
  // chunk through its count of chunks lost unacknowledged, and does not send it a third time.
  const chunks = decodeChunks(batch.chunks);
  for (const chunk of chunks) queue.push(chunk);
  if (running) return;
  // Idle until now: say so before running anything, so a death from here on is blamed on this chunk. (A busy
  // worker needs no such word: its next result tells the parent it went on to the next chunk.)
  if (chunks.length > 0) send({ kind: 'received', seq: chunks[0]!.seq });
  void drain();
}

/**
 * Runs the queued chunks in order. Results of quick chunks are held back and sent together, at most
 * COALESCE_MS apart: a burst of trivial chunks costs two messages, not one per chunk. Before it holds any
 * back, the worker tells the parent how far it may run without reporting (`through`: as many chunks as the
 * last one's time says fit in COALESCE_MS), so that a worker killed mid-burst loses at most that much work
 * and has no chunk run twice. A slow chunk's result goes as soon as it exists.
 */
async function drain(): Promise<void> {
  running = true;
  if (!initializedDone) await initialized;
  // No task runs after a failed initializer, as in Python; the chunks held are the parent's to reject.
  if (initFailed) return;
  let since = clock();
  let checkedParent = since;
  /** Chunks still queued that the parent was told may run before the next report. */
  let covered = 0;
  while (queue.length > 0) {
    const chunk = queue.shift()!;
    covered = Math.max(0, covered - 1);
    const started = clock();
    runningSeq = chunk.seq;
    taskStarts(chunk.seq);
    if (chunk.reports) reportingStarts(chunk.seq);
    // A task whose call was aborted before its turn is answered without running.
    let result = cancelled.size > 0 && cancelled.has(chunk.seq) ? skipChunk(chunk) : runChunk(chunk, functions.get(chunk.fn));
    let waited = false;
    if (result instanceof Promise) {
      // The parent should not wait on a slow task for the results already in hand; from here on only this
      // chunk runs until the next report.
      sendResults(undefined);
      covered = 0;
      result = await result;
      waited = true;
    }
    taskEnds();
    // What it reported last goes before its result.
    if (chunk.reports) reportingEnds();
    runningSeq = undefined;
    unsent.push(result);
    done++;
    // Python's maxtasksperchild: the parent sends no more than this; leave once the last result is out.
    if (maxTasks !== null && done >= maxTasks) {
      sendResults(undefined, () => exitFlushed(0));
      return;
    }
    const now = clock();
    // maxMemoryPerChildMb: past it nothing more runs here, not even the chunks queued (the parent gives them to
    // other workers on this word); the worker leaves when the parent, its replacement started, closes the channel.
    if (memory.overLimit(now)) return sendResults(undefined, undefined, 'memory');
    if (now - checkedParent >= PARENT_CHECK_MS) {
      checkedParent = now;
      if (process.ppid !== parentPid) return exitFlushed(0);
    }
    if (covered > 0 && now - since < COALESCE_MS) continue;
    const took = now - started;
    const ahead = took < COALESCE_MS ? Math.min(queue.length, Math.floor(COALESCE_MS / Math.max(took, 1e-3))) : 0;
    // One chunk ahead is what the parent assumes anyway; only a longer run needs saying.
    covered = ahead > 1 ? ahead : 0;
    sendResults(covered > 0 ? queue.at(covered - 1)!.seq : undefined);
    since = now;
    // A slow synchronous chunk kept the channel unread: a `release` the parent sent meanwhile is read before the
    // next chunk starts, at the cost of one turn of the event loop per slow chunk (an awaited one has turned it).
    if (!waited && took >= YIELD_AFTER_MS && queue.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  sendResults(undefined);
  running = false;
}

/**
 * Gives the parent back those of `seqs` still queued here, not started. Not while the parent was told this worker
 * may run chunks without reporting (`through`): those may be the ones asked for, and they stay.
 */
function release(seqs: readonly number[]): void {
  if (holdingThrough !== undefined) return;
  const asked = new Set(seqs);
  const given: number[] = [];
  for (let i = 0; i < queue.length; i++) {
    const seq = queue.at(i)!.seq;
    if (asked.has(seq)) given.push(seq);
  }
  if (given.length === 0) return;
  const leaving = new Set(given);
  queue.removeWhere((chunk) => leaving.has(chunk.seq));
  send({ kind: 'released', seqs: given });
}

/** Whether `seq` waits in this worker's queue (a cancel message names only tasks the worker was sent). */
function isQueued(seq: number): boolean {
  for (let i = 0; i < queue.length; i++) if (queue.at(i)!.seq === seq) return true;
  return false;
}

/**
 * Sends the results held back, as one message, and how far the worker may now run before its next report.
 * A value that cannot be cloned turns its chunk into a failure naming that value; the other results still go.
 */
function sendResults(through: number | undefined, then?: () => void, retire?: 'memory'): void {
  if (unsent.length === 0 && through === holdingThrough && retire === undefined) return then?.();
  const results = unsent;
  unsent = [];
  holdingThrough = through;
  const rssMb = memory.forReport(clock());
  const tail = through === undefined && rssMb === undefined && retire === undefined ? {} : { through, rssMb, retire };
  // Set only when packResults wrote the results with their large views taken out as frames.
  let frames: Uint8Array[] | undefined;
  const packed = packResults(results, (wire) => {
    const sent = serializeBulk(wire);
    frames = sent.frames;
    return sent.bytes;
  });
  if (frames === undefined) return send({ kind: 'results', count: results.length, results: packed, ...tail }, then);
  // Large views in the results go on the bulk pipe (bulk.ts); the message says how many.
  const bulk = frames.length;
  sendFrames(frames, then, (after) => send({ kind: 'results', count: results.length, results: packed, ...tail, bulk }, after));
}
