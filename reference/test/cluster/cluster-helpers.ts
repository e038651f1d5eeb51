/**
 * What the cluster tests share: the private Redis they find through MULTIPROC_REDIS_URL (skipped with a line
 * saying how to get one when it is not set), a fresh queue name per test, and worker commands started and
 * stopped with bounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ExecutionContext, TestFn } from 'ava';
import { modulePath, nodeArgsFor } from '../../../test-support/repo-paths.js';

/** The private Redis (`export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)`), when there is one. */
export const REDIS_URL = process.env['MULTIPROC_REDIS_URL'] || undefined;

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
