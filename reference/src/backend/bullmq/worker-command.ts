/**
 * `multiproc worker`: a BullMQ worker that takes a cluster pool's chunk jobs and hands each one to a local
 * multiproc Pool of its own, so tasks still run in separate processes and the BullMQ event loop stays free to
 * renew its job locks. What it sends back is the chunk's result, task errors included; a job it cannot read,
 * or whose task it was not started with, fails (reported on stderr) and nothing of it runs.
 */
import { realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Job, Worker } from 'bullmq';
import { childEntry } from '../../process/child-entry.js';
import { encodeError } from '../../remote-error.js';
import { cpuCount } from '../../identity.js';
import { redisOptions } from './cluster-options.js';
import { encodeResult, RAN_ON, readJobData, type TimedResult } from './job-codec.js';
import { loadBullMQ } from './load-bullmq.js';
import { TaskResolver } from './task-resolver.js';
import { thisProcess } from './remote-origin.js';
import { abortedInWorker } from '../../pool/current-task.js';
import { listenForCancels, RecentCancels } from './cancel-channel.js';
import { asCallersTimeout, localCallOptions } from './job-extras.js';
import { relayTo } from './progress-relay.js';
import { LocalPools } from './local-pools.js';
import { failedResult, type LostResult } from './remote-crash.js';
import { RetirementReports, type WithRetirements } from './remote-recycles.js';
import type { Pool } from '../../pool/pool.js';

export const WORKER_USAGE = `usage: multiproc worker --connection URL --queue NAME [options] TASK_MODULE...
  --connection URL        Redis: redis://host:6379, rediss://…, redis+unix:///path/to.sock (as the pool's)
  --queue NAME            the pool's options.cluster.queue
  --prefix PREFIX         the pool's options.cluster.prefix, if it has one
  --processes N           local worker processes (default: the number of CPUs)
  --lock-duration MS      a chunk's lock; a worker silent this long is taken for dead (default 8000)
  --stalled-interval MS   how often locks are checked (default 4000): a dead worker's chunks fail with
                          WorkerCrashedError within lock-duration + stalled-interval
TASK_MODULE: the modules that register the pool's tasks (the same code as the pool's, at any path).`;

/** Defaults that bound stall detection to 12 s (BullMQ's own, 30 s and 30 s, took 39–59 s here). */
const LOCK_DURATION_MS = 8000;
const STALLED_INTERVAL_MS = 4000;

export interface WorkerCommand {
  readonly name: string;
  /** Stops taking jobs, lets the running ones finish (at most `graceMs`), and closes the local pool. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts the worker from command-line arguments; throws a TypeError with the usage when they are wrong. */
export async function startWorkerCommand(argv: readonly string[]): Promise<WorkerCommand> {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true, strict: true,
    options: {
      connection: { type: 'string' }, queue: { type: 'string' }, prefix: { type: 'string' },
      processes: { type: 'string' }, 'lock-duration': { type: 'string' }, 'stalled-interval': { type: 'string' },
    },
  });
  if (values.connection === undefined || values.queue === undefined || positionals.length === 0) {
    throw new TypeError(`multiproc worker needs --connection, --queue and at least one task module\n${WORKER_USAGE}`);
  }
  const processes = count(values.processes, '--processes', cpuCount());
  const lockDuration = count(values['lock-duration'], '--lock-duration', LOCK_DURATION_MS);
  const stalledInterval = count(values['stalled-interval'], '--stalled-interval', STALLED_INTERVAL_MS);
  const modules: string[] = [];
  for (const path of positionals) {
    // The URL the module registers its tasks under: import.meta.url is the real path.
    const url = pathToFileURL(realpathSync(resolve(path))).href;
    await import(url);
    modules.push(url);
  }
  const resolver = new TaskResolver(modules);
  const { runClusterChunk, preloadModules } = (await import(pathToFileURL(childEntry(import.meta.url, 'chunk-task')).href)) as typeof import('./chunk-task.js');
  const { Worker } = await loadBullMQ();
  const name = `${hostname()}:${process.pid}`;
  const pools = new LocalPools(processes, resolver, { initializer: preloadModules, modules });
  const cancels = new RecentCancels();

  // Three parameters: BullMQ passes each job's signal, which worker.cancelJob fires (cancel-channel.ts).
  // Processes its local pools retired for memory, told to the cluster pool with the chunks (remote-recycles.ts).
  const retirements = new RetirementReports((pool) => pools.hasMemoryLimit(pool));

  const processor = async (job: Job, _token?: string, signal?: AbortSignal): Promise<string | TimedResult | LostResult | WithRetirements> => {
    // Who runs the chunk, for the WorkerCrashedError should this process die with it (BullMQ's own processedBy
    // names whichever worker noticed the stall). Not awaited: the chunk does not wait for this round trip.
    job.log(`${RAN_ON}${name}`).catch(() => undefined);
    const data = readJobData(job.data);
    if (typeof data === 'string') return refuse(job, data);
    let ref;
    try {
      ref = resolver.known(data.m, data.k) ?? await resolver.resolve(data.m, data.k);
    } catch (error) {
      return refuse(job, (error as Error).message);
    }
    // Its call was aborted before this process began it: it never runs.
    if (cancels.take(job.id)) return encodeResult([0, { values: [], failedAt: 0, error: encodeError(abortedInWorker()) }]);
    let pool: Pool | undefined;
    let returned: string | TimedResult | LostResult;
    try {
      // The pool's own set-up (initializer, maxTasksPerChild), when it has one (local-pools.ts).
      pool = data.o === undefined ? pools.plain : await pools.get(data.o);
      // Only a chunk of a call given a signal or a timeout is watched: the others cost nothing more.
      if (data.g === undefined && data.t === undefined && data.r === undefined && data.c === undefined) {
        returned = await pool.apply(runClusterChunk, [ref.moduleUrl, ref.key, data.s, data.p, name]);
      } else {
        const relay = data.r === 1 ? relayTo(job) : undefined;
        returned = await pool.apply(runClusterChunk, [ref.moduleUrl, ref.key, data.s, data.p, name, data.r === 1, data.c === 1 ? modules : undefined], undefined,
          localCallOptions(data, signal, relay?.onProgress));
        // The last report is in Redis before the result: the pool hears it first.
        await relay?.flushed();
      }
    } catch (error) {
      // The local pool failed the chunk as a whole (its process died, it was aborted or ran out of time, or the
      // result could not cross): the cluster pool rejects the chunk with that error, as a local pool would.
      // A chunk whose process died says so, for the pool's stats (remote-crash.ts).
      returned = failedResult(encodeResult([0, { values: [], failedAt: 0, error: encodeError(asCallersTimeout(error, data.k, data)), remote: thisProcess(name) }]), error);
    }
    return pool === undefined ? returned : retirements.attach(pool, returned);
  };

  const worker: Worker = new Worker(values.queue, processor, {
    connection: redisOptions(values.connection),
    ...(values.prefix === undefined ? {} : { prefix: values.prefix }),
    name,
    // A job per local process, no more: a worker command that took chunks ahead would hold them while another
    // machine idles (a conformance rule whose tasks wait for each other saw exactly that with twice as many).
    concurrency: processes,
    lockDuration,
    stalledInterval,
    // A chunk whose worker died is failed, not run again: tasks may not be idempotent.
    maxStalledCount: 0,
  });
  worker.on('error', (error) => console.error(`multiproc worker ${name}: ${error.message}`));
  await worker.waitUntilReady();
  let listening: { stop(): void };
  try {
    listening = await listenForCancels(worker, cancels);
  } catch (error) {
    // A worker that cannot hear a cancellation does not serve: it stops at once (a chunk it took meanwhile has 2 s
    // to finish, then fails as its worker's loss would).
    await Promise.race([worker.close(), new Promise((done) => setTimeout(done, 2_000).unref())]);
    await pools.terminate();
    throw error;
  }

  return {
    name,
    async stop(graceMs = 10_000): Promise<void> {
      const closed = worker.close();
      await Promise.race([closed, new Promise((done) => setTimeout(done, graceMs).unref())]);
      await pools.terminate();
      listening.stop();
    },
  };
}

function refuse(job: Job, reason: string): never {
  console.error(`multiproc worker: refused job ${job.id ?? '?'} of queue ${job.queueName}: ${reason}`);
  throw new Error(`refused: ${reason}`);
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`${flag} must be a positive whole number, got ${JSON.stringify(value)}\n${WORKER_USAGE}`);
  return n;
}
