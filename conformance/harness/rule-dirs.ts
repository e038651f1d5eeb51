/**
 * Each rule's temporary directory, and those a dead run left. A run removes a rule's directory when the rule ends,
 * but a run killed in the middle (an interrupted CLI, a test file past its timeout) removes none of the up to
 * `--concurrency` it had open: about 200 piled up in one machine's /tmp in a day, 8 or 20 at a time. The name
 * says whose a directory is (`multiproc-rule-<pid>-<start>-XXXXXX`, the start time because pids are reused), so
 * the first rule of the next run in the same temp dir removes those whose run is gone. The test of ownership is
 * reference/src/queue/stale-dirs.ts's for the Queue's socket directories, written again: the harness ships alone
 * and imports nothing outside it (layout.test.ts).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PATTERN = /^multiproc-rule-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;

let reaped: Promise<void> | undefined;

/** A fresh directory for one rule, named for this process; the first call also removes the stale ones. */
export async function makeRuleDir(): Promise<string> {
  const parent = tmpdir();
  reaped ??= reapStaleRuleDirs(parent).then(() => undefined);
  await reaped;
  return mkdtemp(join(parent, `multiproc-rule-${process.pid}-${startTime(process.pid) ?? 0}-`));
}

/**
 * Removes the rule directories in `parent` whose run is gone (ours by name, this user's, a real directory); returns
 * their paths. Never throws.
 */
export async function reapStaleRuleDirs(parent: string): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names) {
    const match = PATTERN.exec(name);
    if (match === null || isAlive(Number(match[1]), match[2]!)) continue;
    const dir = join(parent, name);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Gone meanwhile, or not ours to judge: leave it.
    }
  }
  return removed;
}

/** True while the run that made a directory may still be going. */
function isAlive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: another user's process has this pid, so not the run, which ran as this user.
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ESRCH' && code !== 'EPERM';
  }
  const now = startTime(pid);
  // Without /proc (not Linux) a living pid is given the benefit of the doubt; start 0 says the run knew none.
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
