/**
 * `--all` runs the cluster adapter, which needs Redis: MULTIPROC_REDIS_URL when set, else a private redis-server
 * started for the run (test-support/private-redis.ts) and stopped when the process exits or is interrupted. Without
 * one the cluster adapter is dropped from the run, with a line saying how to get Redis.
 */
import { startPrivateRedis } from '../../test-support/private-redis.js';

/** Sets MULTIPROC_REDIS_URL to a private Redis unless it is set; never throws; returns what to say when there is none. */
export function ensureRedisForCluster(): string | undefined {
  if (process.env['MULTIPROC_REDIS_URL']) return undefined;
  const redis = startPrivateRedis();
  if ('missing' in redis) {
    // `missing` is the script's reason: with no redis-server, how to install it.
    return `cluster: not run, no Redis: ${redis.missing}; or export MULTIPROC_REDIS_URL=… and run again`;
  }
  process.env['MULTIPROC_REDIS_URL'] = redis.url;
  return undefined;
}
