/**
 * Security (issue 14): only the parent and the processes it started can reach a Pool's, a Process's or a
 * Queue's channels. While all three are in use, every socket that any process of ours holds is looked up in
 * the kernel's tables (/proc/net): none is a TCP or UDP socket, none is an abstract Unix socket (those are
 * reachable by any user), and every Unix socket with a path lies in a directory only this user can enter.
 */
import test from 'ava';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Pool, Process, Queue } from '../../src/index.js';
import { blockInGet, putTagged } from '../queue/fixtures/queue-tasks.js';
import { assertNoOrphans, descendantsOf } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { PROMPT_MS, RUN_MS, within } from '../pool/helpers.js';

assertNoOrphans(test);

/** Socket inodes held by `pid`. */
function socketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes; // gone meanwhile
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match !== null) inodes.add(Number(match[1]));
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Inodes listed in /proc/net/<table> (tcp, tcp6, udp, udp6): the inode is the 10th column. */
function inetInodes(table: string): Set<number> {
  const lines = readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1);
  return new Set(lines.map((line) => Number(line.trim().split(/\s+/)[9])));
}

/** inode → path of Unix sockets (path '' for unnamed ones, '@…' for abstract ones). */
function unixSockets(): Map<number, string> {
  const sockets = new Map<number, string>();
  for (const line of readFileSync('/proc/net/unix', 'utf8').trim().split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    sockets.set(Number(fields[6]), fields[7] ?? '');
  }
  return sockets;
}

test('security: while a Pool, a Process and a Queue are in use, no process of ours holds a TCP/UDP or abstract socket, and named sockets are private', async (t) => {
  const tempBefore = new Set(readdirSync(tmpdir()));
  const queue = new Queue<[unknown, number]>();
  const ready = new Queue<number>();
  const blocked = new Queue();
  const pool = new Pool({ processes: 2 });
  const child = new Process({ target: blockInGet, args: [blocked, ready] });
  t.teardown(async () => {
    child.kill();
    await within(child.join(), PROMPT_MS, 'child.join()').catch(() => undefined);
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'pool.join()').catch(() => undefined);
    for (const q of [queue, ready, blocked]) q.close();
  });
  child.start();
  await within(ready.get(), RUN_MS, 'the child blocked in get()');
  const tags = await within(Promise.all([1, 2, 3, 4].map((tag) => pool.apply(putTagged, [queue, tag]))), RUN_MS, 'workers putting on the queue');
  t.is(tags.length, 4);

  const pids = [process.pid, ...descendantsOf()];
  const inet = new Set(['tcp', 'tcp6', 'udp', 'udp6'].flatMap((table) => [...inetInodes(table)]));
  const unix = unixSockets();
  const problems: string[] = [];
  const named = new Set<string>();
  let sockets = 0;
  for (const pid of pids) {
    for (const inode of socketInodes(pid)) {
      sockets++;
      if (inet.has(inode)) problems.push(`pid ${pid} holds an internet socket (inode ${inode})`);
      const path = unix.get(inode);
      if (path === undefined || path === '') continue;
      if (path.startsWith('@')) problems.push(`pid ${pid} holds an abstract Unix socket ${path}, reachable by any user`);
      else named.add(path);
    }
  }
  for (const path of named) {
    const directory = statSync(dirname(path));
    if ((directory.mode & 0o077) !== 0) problems.push(`${dirname(path)} has mode ${(directory.mode & 0o777).toString(8)}: others may enter it`);
    if (directory.uid !== process.getuid!()) problems.push(`${dirname(path)} belongs to uid ${directory.uid}`);
  }
  // Ours only: other programs (and other test files running meanwhile) create entries there too.
  const created = readdirSync(tmpdir()).filter((name) => name.startsWith('multiproc') && !tempBefore.has(name));
  for (const name of created) {
    // Another test file's entry may be removed between the listing and this look (CI saw it once).
    const entry = statSync(join(tmpdir(), name), { throwIfNoEntry: false });
    if (entry === undefined) continue;
    const mode = entry.mode & 0o777;
    if ((mode & 0o077) !== 0) problems.push(`${join(tmpdir(), name)} was created with mode ${mode.toString(8)}`);
  }
  report(t, {
    section: 'security',
    tried: 'a Pool of 2 with tasks on a Queue, and a Process blocked in get() on another: every socket of every process of ours looked up in /proc/net',
    outcome: problems.length === 0 ? 'no TCP/UDP socket, no abstract socket; named sockets only in private directories' : problems.join('; '),
    figures: { processes: pids.length, sockets, 'named sockets': named.size, 'entries created in the temp dir': created.length },
  });
  t.true(named.size >= 1, 'the queue socket was found (the check looked at something)');
  t.deepEqual(problems, []);
});
