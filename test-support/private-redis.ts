/**
 * A private redis-server for one run (scripts/redis/private-redis.sh: a Unix socket in a temp dir, no persistence),
 * shared by the conformance CLI's --all and the bench's cluster section so both start, find and stop it the same way.
 */
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { repoPath } from './repo-paths.js';

const SCRIPT = repoPath('scripts', 'redis', 'private-redis.sh');

/** Signals that end a run without 'exit' firing: the daemonized server would outlive it. */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type PrivateRedis = { readonly url: string; stop(): void } | { readonly missing: string };

/**
 * Starts a private redis-server; never throws. On success `stop()` (idempotent, synchronous) ends it, and it is
 * also stopped when the process exits or is ended by SIGINT, SIGTERM or SIGHUP (then the signal is raised again so
 * the process ends as it would have). On failure, `missing` says why (the script's message: how to install Redis).
 */
export function startPrivateRedis(): PrivateRedis {
  let url: string;
  try {
    url = execFileSync(SCRIPT, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    return { missing: stderr || (error as Error).message };
  }
  // The script prints redis+unix://DIR/redis.sock; stopping takes DIR.
  const dir = dirname(url.replace(/^redis\+unix:\/\//, ''));
  let stopped = false;
  const onSignal = new Map<NodeJS.Signals, () => void>();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    for (const [signal, listener] of onSignal) process.removeListener(signal, listener);
    try {
      execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  // Synchronous, so it also runs on process.exit().
  process.once('exit', stop);
  for (const signal of ENDING_SIGNALS) {
    const listener = () => {
      stop();
      process.kill(process.pid, signal);
    };
    onSignal.set(signal, listener);
    process.once(signal, listener);
  }
  return { url, stop };
}
