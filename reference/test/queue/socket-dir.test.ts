/**
 * Where a host puts its socket: the first usable temporary directory in Python's order, never a path the
 * system would cut short, and no directory left by a host that died.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { QueueSocketError } from '../../src/index.js';
import { makeSocketDir, MAX_SOCKET_PATH_BYTES, tempCandidates } from '../../src/queue/socket-dir.js';
import { ownDirPrefix, reapStaleDirs } from '../../src/queue/stale-dirs.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { tempDir } from './helpers.js';

assertNoOrphans(test);

test('the candidates are Python’s gettempdir() list: TMPDIR, TEMP, TMP, /tmp, /var/tmp, /usr/tmp, then the cwd', (t) => {
  const env = { TMPDIR: '/a', TEMP: 'relative', TMP: '/c', HOME: '/h' };
  t.deepEqual(tempCandidates(env, () => '/work/here'), ['/a', '/work/here/relative', '/c', '/tmp', '/var/tmp', '/usr/tmp', '/work/here']);
  t.deepEqual(tempCandidates({ TMPDIR: '' }, () => '/w'), ['/tmp', '/var/tmp', '/usr/tmp', '/w'], 'an empty variable is no candidate');
});

test('defect 1: when no candidate can hold the socket, a QueueSocketError names each directory tried, why, and the fix', (t) => {
  const tmp = tempDir(t);
  const file = join(tmp, 'a-file');
  writeFileSync(file, '');
  const missing = join(tmp, 'missing');
  const underFile = join(file, 'below');
  const long = join(tmp, 'd'.repeat(120));
  mkdirSync(long);
  const candidates = [missing, file, underFile, long];
  const error = t.throws(() => makeSocketDir(candidates), { instanceOf: QueueSocketError })!;
  t.regex(error.message, /^No usable temporary directory found in /, 'Python’s words first');
  for (const dir of candidates) t.true(error.message.includes(dir), `names ${dir}`);
  t.regex(error.message, /ENOENT/);
  t.regex(error.message, /ENOTDIR/);
  t.regex(error.message, new RegExp(`over the ${MAX_SOCKET_PATH_BYTES}-byte limit`));
  t.regex(error.message, /set TMPDIR to/);
  t.deepEqual(readdirSync(long), [], 'nothing was created on the way');
  t.false(existsSync(missing));
  report(t, {
    section: 'bad-input',
    tried: 'every temporary directory candidate unusable (missing, a regular file, under a file, too long a path)',
    outcome: `QueueSocketError: ${error.message.slice(0, 120)}…`,
  });
});

test('the first usable candidate is used: a private directory whose socket path fits', (t) => {
  const tmp = tempDir(t);
  const { directory, path } = makeSocketDir([join(tmp, 'missing'), join(tmp, 'd'.repeat(120)), tmp]);
  t.is(join(directory, '..'), tmp);
  t.true(directory.startsWith(join(tmp, ownDirPrefix())));
  t.is(path, join(directory, 'queues.sock'));
  t.true(Buffer.byteLength(path) <= MAX_SOCKET_PATH_BYTES);
  t.is(statSync(directory).mode & 0o777, 0o700);
});

test('defect 3: a candidate is skipped exactly when its socket path would pass the limit', (t) => {
  const tmp = tempDir(t);
  const probe = makeSocketDir([tmp]);
  const room = MAX_SOCKET_PATH_BYTES - Buffer.byteLength(probe.path);
  // A directory name that uses the room to the byte fits; one byte more does not.
  const fits = join(tmp, 'f'.repeat(room - 1));
  const over = join(tmp, 'o'.repeat(room));
  mkdirSync(fits);
  mkdirSync(over);
  const atLimit = makeSocketDir([fits]);
  t.is(Buffer.byteLength(atLimit.path), MAX_SOCKET_PATH_BYTES);
  t.throws(() => makeSocketDir([over]), { instanceOf: QueueSocketError, message: /bytes, over the/ });
});

/** Start time of `pid` as /proc/<pid>/stat gives it (clock ticks after boot). */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

test('defect 13: stale socket directories are removed: the owner is gone, or its pid now names another process', (t) => {
  const parent = tempDir(t);
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  const make = (name: string, files: string[] = ['queues.sock']): string => {
    const dir = join(parent, name);
    mkdirSync(dir, { mode: 0o700 });
    for (const file of files) writeFileSync(join(dir, file), '');
    return dir;
  };
  const stale = {
    dead: make(`multiproc-${deadPid}-${startOf(process.pid)}-aB3dE6`),
    reused: make(`multiproc-${process.pid}-1-aB3dE6`),
    empty: make(`multiproc-${deadPid}-7-zzzzzz`, []),
  };
  const kept = {
    mine: make(`${ownDirPrefix()}aB3dE6`),
    living: make(`multiproc-${process.ppid}-${startOf(process.ppid)}-aB3dE6`),
    otherPattern: make('multiproc-test-aB3dE6'),
    oldPattern: make(`multiproc-${deadPid}-aB3dE6`),
    extraFile: make(`multiproc-${deadPid}-5-extraF`, ['queues.sock', 'notes.txt']),
    otherUser: make(`multiproc-${deadPid}-6-otherU`),
  };
  chownSync(kept.otherUser, 65_534, 65_534);
  writeFileSync(join(parent, `multiproc-${deadPid}-8-aFile0`), '');
  symlinkSync(stale.dead, join(parent, `multiproc-${deadPid}-9-symlnk`));
  const removed = reapStaleDirs(parent);
  t.deepEqual(removed.sort(), Object.values(stale).sort());
  for (const [why, dir] of Object.entries(stale)) t.false(existsSync(dir), `removed: ${why}`);
  for (const [why, dir] of Object.entries(kept)) t.true(existsSync(dir), `kept: ${why}`);
  t.true(existsSync(join(parent, `multiproc-${deadPid}-8-aFile0`)), 'kept: a regular file');
  t.true(lstatSync(join(parent, `multiproc-${deadPid}-9-symlnk`)).isSymbolicLink(), 'kept: a symbolic link (its target is judged on its own)');
  report(t, {
    section: 'defect',
    defect: 13,
    tried: 'socket directories of a dead owner, of a reused pid, of a live owner, and look-alikes, in one temp dir',
    outcome: `removed ${removed.length} (dead owner, reused pid, empty); kept the live owners', other users', other names, files and links`,
  });
});
