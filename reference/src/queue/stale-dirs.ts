/**
 * Socket directories whose host died without removing them (SIGKILL, or any signal that ended it: a host
 * listens for none, see host.ts) are removed by the next host that makes one in the same temporary directory.
 * A directory is stale only when all of this holds: its name is ours (`multiproc-<pid>-<start>-XXXXXX`), it
 * belongs to this user, it is a real directory (not a link), it holds nothing but the socket, and its owner is
 * gone. The owner's start time is in the name because pids are reused: a living process with that pid and
 * another start time is not the owner.
 */
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const PATTERN = /^multiproc-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;
/** The socket's name in a host's directory: the one entry a stale directory may hold. */
export const SOCKET_NAME = 'queues.sock';

let prefix: string | undefined;

/** The name prefix of this process's socket directories: its pid and start time. */
export function ownDirPrefix(): string {
  return (prefix ??= `multiproc-${process.pid}-${startTime(process.pid) ?? 0}-`);
}

/** Removes the stale socket directories in `parent`; returns their paths. Never throws. */
export function reapStaleDirs(parent: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const match = PATTERN.exec(name);
    if (match === null) continue;
    const dir = join(parent, name);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
      if (readdirSync(dir).some((entry) => entry !== SOCKET_NAME)) continue;
      if (isAlive(Number(match[1]), match[2]!)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Gone meanwhile, or not ours to judge: leave it.
    }
  }
  return removed;
}

/** True while the process that made a directory may still be running. */
function isAlive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: a process of another user has this pid, so not our owner, which ran as this user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH' && (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
  const now = startTime(pid);
  // Without /proc (not Linux) a living pid is given the benefit of the doubt; start 0 says the owner had none.
  if (now === undefined || start === '0') return true;
  return now === start;
}

/** A process's start time in clock ticks after boot (/proc/<pid>/stat, field 22), or undefined without /proc. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
