/**
 * `--all` runs the cluster adapter, which needs Redis: MULTIPROC_REDIS_URL when set, else a private redis-server
 * started for the run (scripts/redis/private-redis.sh: a Unix socket, no persistence) and stopped when the process
 * exits. Without redis-server the cluster adapter is skipped, with a line saying how to get it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { repoPath } from '../../test-support/repo-paths.js';

const SCRIPT = repoPath('scripts', 'redis', 'private-redis.sh');

/** Sets MULTIPROC_REDIS_URL to a private Redis unless it is set; returns what to say when there is none. */
export function ensureRedisForCluster(): string | undefined {
  if (process.env['MULTIPROC_REDIS_URL']) return undefined;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return 'cluster: no Redis, skipped: apt-get install -y redis-server (or export MULTIPROC_REDIS_URL=…) and run again';
  }
  const url = execFileSync(SCRIPT, ['start'], { encoding: 'utf8' }).trim();
  const dir = url.replace(/^redis\+unix:\/\//, '').replace(/\/redis\.sock$/, '');
  process.env['MULTIPROC_REDIS_URL'] = url;
  // Synchronous, so it also runs on process.exit(): the server must not outlive the run.
  process.once('exit', () => {
    try {
      execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  });
  return undefined;
}
