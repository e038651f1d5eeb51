/**
 * The cluster pool (`new Pool({ cluster })`, issue 19) seen through the conformance interface: the reference
 * adapter's own pool handle, its pools given `cluster`, against two `multiproc worker` commands (2 processes each)
 * that this adapter starts for each session, on a queue of its own, on the private Redis named by MULTIPROC_REDIS_URL
 * (`scripts/redis/private-redis.sh start`). Without it, open() rejects and says how to get one.
 * It claims the Pool capabilities the cluster pool keeps; the others say why not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CAPABILITIES, type Capability, type Implementation, type Session } from '../../../harness/index.js';
import { PROCESS_CAPABILITIES } from '../node-pool-glue/unsupported.js';
import { modulePath } from '../../../harness/index.js';
import { readDeviations } from '../reference/deviations.js';
import { ReferenceSession } from '../reference/index.js';

const CLI = modulePath(import.meta.url, '../../../../reference/src/cli');
const TASKS = modulePath(import.meta.url, '../reference/tasks');
let sessions = 0;

/**
 * Each session has its own queue and its own two worker commands, stopped with it: a terminated pool's chunks go on
 * running on their workers (nothing reaches into another machine's processes), and must not hold up the next rule.
 */
async function openSession(url: string): Promise<Session> {
  const queue = `mp-conformance-${process.pid}-${Date.now().toString(36)}-${++sessions}`;
  const started = await Promise.allSettled([startOne(url, queue), startOne(url, queue)]);
  const workers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(workers.map(stop));
    throw (failed as PromiseRejectedResult).reason;
  }
  return new ClusterSession(url, queue, workers);
}

/** The reference's session with its pools given `cluster`; closing it also stops its worker commands. */
class ClusterSession extends ReferenceSession {
  constructor(url: string, queue: string, private readonly workers: readonly ChildProcess[]) {
    super({ cluster: { connection: url, queue } });
  }

  override async close(): Promise<void> {
    await super.close();
    await Promise.all(this.workers.map(stop));
  }
}

/** SIGKILL: its chunks are abandoned with its queue; its local pool's children leave when it is gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

/** A worker command on `queue`, once it said it is ready (within 60 s). */
function startOne(url: string, queue: string): Promise<ChildProcess> {
  const loader = CLI.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, CLI, 'worker', '--connection', url, '--queue', queue, '--processes', '2', TASKS], { stdio: ['ignore', 'pipe', 'inherit'] });
  const killAtExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killAtExit);
  child.once('exit', () => process.off('exit', killAtExit));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('a multiproc worker command was not ready within 60 s')), 60_000);
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      if (/ ready\n/.test(out)) {
        clearTimeout(timer);
        // Nothing more is read from it: neither it nor its pipe may keep the suite's process alive.
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`a multiproc worker command exited (${code ?? signal}) before it was ready`));
    });
  });
}

const POOL_ONLY = 'the cluster adapter checks the Pool only: Process and Queue are the reference\'s own, checked by its adapter';

const REMOTE = 'the cluster pool\'s workers are processes of other machines';

/**
 * Why the cluster pool does not claim these; it claims every other capability of the contract. pool.maxtasks is
 * claimed: each slot of the pool is renewed after maxTasksPerChild chunks, and each worker command runs the pool's
 * chunks in a local pool given the same maxTasksPerChild (local-pools.ts), so a process that ran that many is
 * replaced as locally; a replacement costs a process start there, as it does here (six 300 ms tasks on 3 slots
 * with maxTasksPerChild 1 and close(): 2.0–5.6 s on the cluster, 3.1–4.0 s locally, paired, load 16).
 * pool.stats: the slots, with the chunks whose remote process died as crashes (remote-crash.ts). pool.recycle:
 * maxMemoryPerChildMb reaches the worker commands' local pools with the pool's set-up (local-pools.ts), whose
 * processes past it are replaced there, and each worker command tells the pool how many with its chunks (remote-recycles.ts), so
 * stats' recycled.memory counts them; the pool's slots, which hold no memory of their tasks, are never retired for it.
 */
const UNSUPPORTED: Partial<Record<Capability, string>> = {
  ...Object.fromEntries(PROCESS_CAPABILITIES.map((capability) => [capability, POOL_ONLY])),
  queue: POOL_ONLY,
  'queue.bounded': POOL_ONLY,
  'queue.cross-process': 'a multiproc Queue cannot cross to another machine',
  'pool.workers-here': `${REMOTE}: the tasks run in the worker commands' processes (here 2 × 2), whatever the pool's ` +
    'processes, which only bounds how many chunks the pool keeps in their hands; which of them runs a chunk (or an ' +
    'initializer) is up to the worker commands, so counting them from here tells nothing of the pool',
  // A task that ends its process on a worker command does fail its chunk with that process's WorkerCrashedError (pid,
  // exit code, stderr tail, out-of-memory word), made to name the chunk (remote-crash.ts, cluster-stats.test.ts).
  'pool.crash-diagnostics': 'a cluster pool refuses env, where the rules put the workers\' heap limit (NODE_OPTIONS): ' +
    'it cannot reach the worker commands, and must not (Redis\'s word would choose what their processes load), so ' +
    'heap-exhaustion-says-oom cannot give a remote process a small heap (without one it grew toward V8\'s default, ' +
    'GiBs and over 120 s here); and a worker command that dies itself leaves no stderr tail in Redis (its chunks\' ' +
    'errors name its host and pid)',
};

export const implementation: Implementation = {
  name: 'cluster',
  description: 'multiproc reference/ with options.cluster: BullMQ on a private Redis, 2 worker commands of 2 processes',
  capabilities: new Set((Object.keys(CAPABILITIES) as Capability[]).filter((capability) => !(capability in UNSUPPORTED))),
  // The same Pool code above the workers: the reference's declared deviations are the cluster pool's too.
  deviations: readDeviations(),
  unsupported: UNSUPPORTED,
  open: async () => {
    const url = process.env['MULTIPROC_REDIS_URL'];
    if (url === undefined || url === '') {
      throw new Error('the cluster adapter needs a private Redis: export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)');
    }
    return openSession(url);
  },
};

export default implementation;
