/**
 * Security of a queue's channel (issue 14, Security): only this user can reach the socket (modes of all it
 * creates on disk), nothing listens on a TCP port, and what is created on disk goes on every exit path we
 * control. Refusing a same-user stranger without the secret is defect 7's test (host-connections.test.ts).
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import test from 'ava';
import { Process, Queue } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { blockInGet } from './fixtures/queue-tasks.js';
import { cleanUp, limited, RUN_MS, runScript, tempDir, within } from './helpers.js';

assertNoOrphans(test);

const slot = limited(2);

test('security: what a host creates on disk is this user’s alone: the directory 0700 holding only the socket, 0600', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  const { path } = q.toDescriptor();
  const dir = dirname(path);
  const dirStat = statSync(dir);
  const socketStat = statSync(path);
  report(t, {
    section: 'security',
    tried: 'the modes and owners of everything a queue host creates on disk',
    outcome: `directory ${(dirStat.mode & 0o777).toString(8)}, socket ${(socketStat.mode & 0o777).toString(8)}, both owned by uid ${dirStat.uid}`,
    figures: { entries: readdirSync(dir).length },
  });
  t.is(dirStat.mode & 0o777, 0o700, 'only this user may enter the directory');
  t.true(socketStat.isSocket());
  t.is(socketStat.mode & 0o777, 0o600, 'only this user may connect to the socket');
  t.is(dirStat.uid, process.getuid!());
  t.is(socketStat.uid, process.getuid!());
  t.deepEqual(readdirSync(dir), ['queues.sock'], 'nothing else is created');
});

/** Inodes of the TCP sockets (IPv4 and IPv6) in the LISTEN state, from /proc/net. */
function listeningTcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl, local_address, rem_address, st (0A = LISTEN), tx:rx, tr:when, retrnsmt, uid, timeout, inode
      if (fields[3] === '0A') inodes.add(fields[9]!);
    }
  }
  return inodes;
}

/** The listening TCP sockets among `pid`'s open descriptors, as `fd → socket:[inode]`. */
function listeningSocketsOf(pid: number | 'self'): string[] {
  const listening = listeningTcpInodes();
  const found: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode !== undefined && listening.has(inode)) found.push(`${pid} fd ${fd} → ${target}`);
  }
  return found;
}

test('security: nothing listens on a TCP port: not the host of a queue, not a child using it', slot(async (t) => {
  // The check itself sees a listening TCP socket when there is one.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const seen = listeningSocketsOf('self').length;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  t.is(seen, 1, 'the check finds a TCP listener of this process');
  const q = new Queue<number>();
  const ready = new Queue<number>();
  t.teardown(() => (q.close(), ready.close()));
  const child = new Process({ target: blockInGet, args: [q, ready] });
  cleanUp(t, child);
  child.start();
  t.is(await within(ready.get(), RUN_MS, 'the child using the queue'), child.pid!);
  const found = [...listeningSocketsOf('self'), ...listeningSocketsOf(child.pid!)];
  report(t, {
    section: 'security',
    tried: 'listening TCP sockets (/proc/net/tcp, tcp6) among the descriptors of a queue host and of a child using its queues',
    outcome: found.length === 0 ? 'none: queues travel over a Unix socket only' : found.join('; '),
    figures: { listeningTcpSockets: found.length },
  });
  t.deepEqual(found, []);
  await q.put(1);
  await within(child.join(), RUN_MS, 'the child');
}));

for (const how of ['return', 'close', 'exit', 'throw', 'reject'] as const) {
  const path = {
    return: 'the program returns',
    close: 'the queue is closed',
    exit: 'process.exit(3)',
    throw: 'an uncaught exception',
    reject: 'an unhandled rejection',
  }[how];
  test(`security: the socket directory is removed when ${path}`, slot(async (t) => {
    const tmp = tempDir(t);
    const run = runScript(t, 'share-then-end', how, tmp);
    const exit = await within(run.exited, RUN_MS, 'the script');
    const [{ dir }] = run.lines() as [{ dir: string }];
    t.true(dir.startsWith(tmp));
    t.is(exit.code, { return: 0, close: 0, exit: 3, throw: 1, reject: 1 }[how], run.stderr());
    t.false(existsSync(dir), 'the socket directory is gone');
    t.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('multiproc-')), [], 'nothing of ours in the temporary directory');
    report(t, {
      section: 'security',
      tried: `a host that shared a queue with a child ends by ${path}`,
      outcome: `exit code ${exit.code}; its socket directory was removed`,
    });
  }));
}
