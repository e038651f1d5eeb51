/**
 * Rule directories: named for the run that made them, and those of a run that is gone removed by the next run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import test from 'ava';
import { makeRuleDir, reapStaleRuleDirs } from '../harness/rule-dirs.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const parent = mkdtempSync(join(tmpdir(), 'rule-dirs-test-'));
test.after.always(() => rmSync(parent, { recursive: true, force: true }));

/** This process's start time, as /proc/<pid>/stat field 22 gives it. */
function ownStart(): string {
  const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

/** The pid of a process that has ended (and been reaped). */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8', timeout: 10_000 });
  return Number(run.stdout.trim());
}

test('a rule directory names its run: pid and start time', async (t) => {
  const dir = await makeRuleDir();
  try {
    t.is(dirname(dir), tmpdir());
    t.regex(basename(dir), new RegExp(`^multiproc-rule-${process.pid}-\\d+-[A-Za-z0-9]{6}$`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only the directories of a run that is gone are removed, whatever they hold', async (t) => {
  if (process.platform !== 'linux') {
    t.pass('start times come from /proc: Linux only');
    return;
  }
  const dead = deadPid();
  const stale = join(parent, `multiproc-rule-${dead}-12345-AbC123`);
  mkdirSync(join(stale, 'nested'), { recursive: true });
  writeFileSync(join(stale, 'nested', 'ready.txt'), 'left by a killed run');
  const live = join(parent, `multiproc-rule-${process.pid}-${ownStart()}-XyZ789`);
  mkdirSync(live);
  // Our pid with another start time: a run that died and whose pid came back to another process (us).
  const reused = join(parent, `multiproc-rule-${process.pid}-1-Reu5ed`);
  mkdirSync(reused);
  const legacy = join(parent, 'multiproc-rule-Old123'); // No owner in the name: never judged.
  mkdirSync(legacy);
  const link = join(parent, `multiproc-rule-${dead}-12345-Link00`);
  symlinkSync(live, link);
  const removed = await reapStaleRuleDirs(parent);
  t.deepEqual(removed.sort(), [stale, reused].sort());
  t.false(existsSync(stale));
  t.false(existsSync(reused));
  t.true(existsSync(live), 'the directory of a living run stays');
  t.true(existsSync(legacy));
  t.true(existsSync(link), 'a link is no rule directory');
  t.deepEqual(readdirSync(parent).sort(), [basename(legacy), basename(link), basename(live)].sort());
});

test('a missing parent directory is nothing to reap', async (t) => {
  t.deepEqual(await reapStaleRuleDirs(join(parent, 'missing')), []);
});
