/**
 * A program that used a Pool, Queues and a Process (one it killed) leaves nothing in the temp dir once it has
 * exited: no Queue socket dir, no other multiproc-* entry. Run as a program of its own with TMPDIR pointing at an
 * empty directory, so that only its entries are there (other test files use the real temp dir meanwhile). The
 * reference makes no named semaphores, so /dev/shm is no concern of it; a host killed before it could remove its
 * socket dir is the next host's to reap (queue/socket-dir.test.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const SCRIPT = modulePath(import.meta.url, './fixtures/leftovers-parent');

test('a program that used a Pool, Queues and a killed Process leaves nothing in its temp dir', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'leftovers-reference-'));
  t.teardown(() => rmSync(directory, { recursive: true, force: true }));
  const child = spawn(process.execPath, nodeArgsFor(SCRIPT), {
    cwd: REPO_ROOT,
    env: { ...process.env, TMPDIR: directory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  t.is(code, 0, `the program exited; stderr:\n${stderr.slice(-2000)}`);
  const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { pids?: number[]; exitCode?: number };
  t.is(report.pids?.length, 4, 'the pool ran its tasks on the queue');
  t.is(report.exitCode, -9, 'the process was killed');
  // Workers and children end after the program: a bounded wait for what they remove on their way out.
  const deadline = Date.now() + 5_000;
  // tsx keeps its cache there when the tests run from the sources: a tool's, not ours.
  const entries = () => readdirSync(directory).filter((name) => !name.startsWith('tsx-'));
  let left = entries();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = entries();
  }
  t.deepEqual(left, [], `entries left in the program's temp dir ${directory}`);
});
