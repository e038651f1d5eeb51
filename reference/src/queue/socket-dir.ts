/**
 * Where a host's socket goes: a private directory (mode 0700) in the first temporary directory that can hold
 * one, tried in the order of Python's tempfile.gettempdir(), so a missing or unwritable TMPDIR falls back to
 * /tmp as it does in Python. A candidate whose socket path would pass the system's limit is skipped too: the
 * kernel (and libuv before it) would cut the path short, and the socket would land outside the private
 * directory, at the same path for every program using that TMPDIR.
 */
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reasonOf } from '../describe-thrown.js';
import { QueueSocketError } from '../errors.js';
import { ownDirPrefix, SOCKET_NAME } from './stale-dirs.js';

/** The longest socket path the system keeps whole: sun_path holds 108 bytes on Linux, 104 on macOS, with a NUL. */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

/** mkdtemp's six random characters. */
const RANDOM_SUFFIX = 'XXXXXX';

/** Python's _candidate_tempdir_list(), made absolute: TMPDIR, TEMP, TMP, the system's directories, the cwd. */
export function tempCandidates(env: NodeJS.ProcessEnv = process.env, cwd: () => string = () => process.cwd()): string[] {
  const candidates: string[] = [];
  for (const name of ['TMPDIR', 'TEMP', 'TMP']) {
    const value = env[name];
    if (value) candidates.push(value);
  }
  candidates.push('/tmp', '/var/tmp', '/usr/tmp');
  let here: string;
  try {
    here = cwd();
  } catch {
    here = '.';
  }
  candidates.push(here);
  return candidates.map((candidate) => resolve(here, candidate));
}

/** A fresh private directory in the first usable candidate, and the socket path in it. */
export function makeSocketDir(candidates: readonly string[]): { readonly directory: string; readonly path: string } {
  const prefix = ownDirPrefix();
  const tried: string[] = [];
  for (const candidate of candidates) {
    const bytes = Buffer.byteLength(join(candidate, prefix + RANDOM_SUFFIX, SOCKET_NAME));
    if (bytes > MAX_SOCKET_PATH_BYTES) {
      tried.push(`${candidate} (the socket path would be ${bytes} bytes, over the ${MAX_SOCKET_PATH_BYTES}-byte limit of a Unix socket path)`);
      continue;
    }
    try {
      // mkdtemp creates the directory with mode 0700: only this user may enter it, so only this user may
      // reach the socket.
      const directory = mkdtempSync(join(candidate, prefix));
      return { directory, path: join(directory, SOCKET_NAME) };
    } catch (error) {
      tried.push(`${candidate} (${describe(error)})`);
    }
  }
  throw new QueueSocketError(
    `No usable temporary directory found in ${tried.join(', ')}: a Queue shared with another process needs a ` +
      `directory for its socket; set TMPDIR to an existing directory this user can write, whose path is at most ` +
      `${MAX_SOCKET_PATH_BYTES - Buffer.byteLength(`/${prefix}${RANDOM_SUFFIX}/${SOCKET_NAME}`)} bytes long`,
  );
}

/** `ENOENT: no such file or directory` out of Node's `ENOENT: no such file or directory, mkdtemp '/x/y'`. */
function describe(error: unknown): string {
  const reason = reasonOf(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? `${code}: ${reason.replace(/^\w+: /, '').replace(/,.*$/, '')}` : reason;
}
