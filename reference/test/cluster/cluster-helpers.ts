/**
 * What the cluster tests share: the private Redis they find through MULTIPROC_REDIS_URL (skipped with a line
 * saying how to get one when it is not set), a fresh queue name per test, and worker commands started and
 * stopped with bounds.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext, TestFn } from 'ava';
import { modulePath, nodeArgsFor, repoPath } from '../../../test-support/repo-paths.js';
import { isGone, waitFor } from '../pool/helpers.js';
import { Pool } from '../../src/index.js';

/** The private Redis (`export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)`), when there is one. */
export const REDIS_URL = process.env['MULTIPROC_REDIS_URL'] || undefined;

/**
 * connectTimeoutMs for the tests' pools on the shared Redis, which stays up: a hang guard, not what they test. The
 * default, 10 s, was not enough for BullMQ's first waitUntilReady at a load average of ~60 ("did not answer within
 * 10000 ms while connecting"). Tests of the timeout itself set their own.
 */
export const CONNECT_MS = 60_000;

export const HOW_TO_GET_REDIS = 'MULTIPROC_REDIS_URL is not set: apt-get install -y redis-server, then ' +
  'export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start) (stop it with private-redis.sh stop DIR)';

type Body = (t: ExecutionContext) => Promise<void> | void;

/**
 * `test.serial` (the tests share their worker commands), or, without Redis, `test.serial.skip`: the title stays in
 * the output, marked skipped (titles start "cluster:", so .ci/run can fail when any was skipped there).
 */
export function redisTest(test: TestFn): (title: string, body: Body) => void {
  return REDIS_URL !== undefined ? (title, body) => test.serial(title, body) : (title, body) => test.serial.skip(title, body);
}

/** Prints once, beside the skipped titles, why they were skipped and how to run them. */
export function explainSkip(): void {
  if (REDIS_URL === undefined) console.error(`cluster tests skipped: ${HOW_TO_GET_REDIS}`);
}

let queues = 0;
/** A queue no other test (nor an earlier run on the same Redis) uses. */
export function freshQueue(): string {
  return `mp-test-${process.pid}-${Date.now().toString(36)}-${++queues}`;
}

export const CLI = modulePath(import.meta.url, '../../src/cli');
export const CLUSTER_TASKS = modulePath(import.meta.url, './fixtures/cluster-tasks');

export interface WorkerCommandHandle {
  readonly child: ChildProcess;
  readonly pid: number;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, SIGKILL 10 s later; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts `multiproc worker` (on `url`, the private Redis by default) and waits (at most 30 s) for its "ready" line. */
export async function startWorkerCommand(queue: string, extra: readonly string[] = [], modules = [CLUSTER_TASKS],
  url = REDIS_URL!): Promise<WorkerCommandHandle> {
  const child = spawn(process.execPath, nodeArgsFor(CLI, 'worker', '--connection', url, '--queue', queue, ...extra, ...modules), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (data: Buffer) => (err += data.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker command not ready within 30 s; stderr: ${err}`)), 30_000);
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      if (/ ready\n/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker command exited (${code ?? signal}) before it was ready; stderr: ${err}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return {
    child, pid: child.pid!,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A test file's worker commands, and its cluster pool on them when it asked for one. */
export interface FileCluster {
  readonly workers: readonly WorkerCommandHandle[];
  readonly pool: Pool | undefined;
}

/**
 * Worker commands for one test file on `queue`, one per entry of `commands` (its extra arguments and task
 * modules), and, with `processes`, a cluster pool of that many on them: started before the file's tests when
 * Redis is there; the pool terminated and the commands stopped after all of them.
 */
export function clusterForFile(test: TestFn, queue: string,
  commands: readonly (readonly [extra: readonly string[], modules?: readonly string[]])[], processes?: number): FileCluster {
  const cluster: { workers: WorkerCommandHandle[]; pool: Pool | undefined } = { workers: [], pool: undefined };
  test.before(async () => {
    if (REDIS_URL === undefined) return;
    cluster.workers = await Promise.all(commands.map(([extra, modules]) => startWorkerCommand(queue, extra, modules ? [...modules] : undefined)));
    if (processes !== undefined) cluster.pool = new Pool({ processes, cluster: { connection: REDIS_URL, queue, connectTimeoutMs: CONNECT_MS } });
  });
  test.after.always(async () => {
    cluster.pool?.terminate();
    await cluster.pool?.join();
    await Promise.all(cluster.workers.map((worker) => worker.stop()));
  });
  return cluster;
}

const PRIVATE_REDIS = repoPath('scripts', 'redis', 'private-redis.sh');
const run = promisify(execFile);

/** A Redis of one test's own, to take down and bring back mid-test (scripts/redis/private-redis.sh). */
export interface OwnRedis {
  readonly url: string;
  /** Its process id now. */
  pid(): string;
  /** SHUTDOWN SAVE: every client's connection is cut there and then; resolves once its process is gone (5 s at most). */
  shutDownSaving(): Promise<void>;
  /** private-redis.sh stop: gone without its data. */
  stop(): Promise<void>;
  /** private-redis.sh start in the same folder, on the same socket (with the data a shutDownSaving left). */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

/** Starts a Redis of the test's own in a short folder under /tmp: a Unix socket path is limited to 107 bytes. */
export async function startOwnRedis(prefix: string): Promise<OwnRedis> {
  const parent = mkdtempSync(`/tmp/${prefix}`);
  const dir = join(parent, 'r');
  const url = (await run(PRIVATE_REDIS, ['start', dir])).stdout.trim();
  const pid = (): string => readFileSync(join(dir, 'redis.pid'), 'utf8').trim();
  return {
    url,
    pid,
    async shutDownSaving() {
      const before = pid();
      await run('redis-cli', ['-s', join(dir, 'redis.sock'), 'SHUTDOWN', 'SAVE']).catch(() => undefined);
      // Gone, or a zombie waiting for whatever reaps daemons here.
      await waitFor(() => isGone(Number(before)), 5000, 'the Redis process to exit');
    },
    async stop() {
      await run(PRIVATE_REDIS, ['stop', dir]);
    },
    async start() {
      await run(PRIVATE_REDIS, ['start', dir]);
    },
    async remove() {
      await run(PRIVATE_REDIS, ['stop', dir]);
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** What a test that took Redis down leaves behind, ended: its pool terminated, its worker command and its Redis stopped. */
export async function endAll(pool: Pool, worker: WorkerCommandHandle | undefined, redis: OwnRedis): Promise<void> {
  pool.terminate();
  await pool.join();
  await worker?.stop();
  await redis.remove();
}
