/**
 * CPython's real multiprocessing for the cross-check properties, through the conformance driver
 * (conformance/adapters/cpython). One driver session per property, so that properties running at once do not
 * queue behind each other's requests; pools are cached per session and size. Python forks its workers, so
 * pools are cheap there.
 */
import { spawnSync } from 'node:child_process';
import { implementation as cpython } from '../conformance/adapters/cpython/index.js';
import type { PoolHandle, Session } from '../conformance/harness/implementation.js';
import { within } from './harness.js';

/** Why the CPython properties are skipped on this machine, or undefined when python3 runs. */
export const PYTHON_MISSING: string | undefined = (() => {
  const probe = spawnSync('python3', ['-c', 'import multiprocessing, sys; assert sys.version_info >= (3, 8)'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.error !== undefined || probe.status === 127) return `python3 not found (${probe.error?.message ?? probe.stderr.trim()})`;
  if (probe.status !== 0) return `python3 cannot run the driver (needs 3.8+ with multiprocessing): ${probe.stderr.trim()}`;
  return undefined;
})();

export class CpythonSessions {
  readonly #sessions = new Map<string, Promise<Session>>();
  readonly #pools = new Map<string, Promise<PoolHandle>>();

  session(key: string): Promise<Session> {
    let session = this.#sessions.get(key);
    if (session === undefined) {
      session = within(cpython.open(), 'opening a CPython driver session');
      this.#sessions.set(key, session);
    }
    return session;
  }

  /** A long-lived pool of `processes` workers in the session `key`. */
  pool(key: string, processes: number): Promise<PoolHandle> {
    const id = `${key}/${processes}`;
    let pool = this.#pools.get(id);
    if (pool === undefined) {
      pool = this.session(key).then((session) => within(session.createPool!({ processes }), `creating a CPython pool of ${processes}`));
      this.#pools.set(id, pool);
    }
    return pool;
  }

  /** Closing a session kills its driver's whole process group: every pool worker and process with it. */
  async closeAll(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    this.#pools.clear();
    await Promise.all(sessions.map(async (opening) => (await opening.catch(() => undefined))?.close()));
  }
}
