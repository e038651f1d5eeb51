/**
 * `new Pool({ cluster })` checked: where Redis is, which queue, and the bounds of the cluster backend. Refused
 * at once when misspelt or out of range, as every other Pool option, before anything connects.
 */
import { describeValue } from '../../describe-value.js';
import { didYouMean } from '../../option-names.js';
import { MAX_TIMER_MS } from '../../timeouts.js';

/**
 * Where the pool's workers are: BullMQ workers started with `npx multiproc worker` on any machine that reaches
 * the same Redis. @python — Python's nearest is `ray.util.multiprocessing.Pool`.
 */
export interface ClusterOptions {
  /**
   * The Redis server: `redis://[user:password@]host:port[/db]`, `rediss://…` (TLS), `redis+unix:///path/to.sock`,
   * or ioredis options (`{ host, port, username, password, tls, path }`), passed through as given.
   */
  readonly connection: string | Readonly<Record<string, unknown>>;
  /** The BullMQ queue the pool and its workers share; one per pool (nothing else may use it). */
  readonly queue: string;
  /** BullMQ's key prefix ('bull' when left out): isolates deployments sharing one Redis. */
  readonly prefix?: string;
  /** How long the pool waits for Redis (connecting, sending a batch) before it rejects the tasks with a ClusterError, in ms; 10,000 by default. */
  readonly connectTimeoutMs?: number;
  /**
   * How often chunks still outstanding are looked up in Redis by id, in ms (500 by default): results are read
   * from the job records, so a completion event lost (BullMQ's QueueEvents can miss one) costs this much delay.
   */
  readonly reconcileMs?: number;
  /**
   * How many times a chunk of a call given `{ idempotent: true }` is sent again when the worker command running it
   * dies (its job stalls); 2 by default, 0 never. Past it, or for a call not marked idempotent, the chunk fails
   * with WorkerCrashedError naming the worker's host and pid.
   */
  readonly maxRetries?: number;
}

export interface ClusterSettings {
  readonly connection: string | Readonly<Record<string, unknown>>;
  readonly queue: string;
  readonly prefix: string | undefined;
  readonly connectTimeoutMs: number;
  readonly reconcileMs: number;
  readonly maxRetries: number;
}

const NAMES = Object.keys({
  connection: true, queue: true, prefix: true, connectTimeoutMs: true, reconcileMs: true, maxRetries: true,
} satisfies Record<keyof ClusterOptions, true>);

const EXAMPLE = "{ connection: 'redis://127.0.0.1:6379', queue: 'my-pool' }";

export function checkClusterOptions(value: unknown): ClusterSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`options.cluster must be an object such as ${EXAMPLE}, got ${describeValue(value)}`);
  }
  for (const [key, given] of Object.entries(value)) {
    if (NAMES.includes(key)) continue;
    throw new TypeError(`options.cluster got an unexpected option ${JSON.stringify(key)}${didYouMean(key, given, NAMES)}; the options are ${NAMES.join(', ')}`);
  }
  const options = value as ClusterOptions;
  const { connection, queue, prefix } = options;
  const connectionOk = (typeof connection === 'string' && connection.length > 0)
    || (typeof connection === 'object' && connection !== null && !Array.isArray(connection));
  if (!connectionOk) {
    throw new TypeError(`options.cluster.connection must be a Redis URL (redis://host:6379, rediss://…, redis+unix:///path) or ioredis options, got ${describeValue(connection)}`);
  }
  if (typeof queue !== 'string' || !NAME.test(queue)) {
    throw new TypeError(`options.cluster.queue must name the BullMQ queue (letters, digits, '.', '_', '-'; the same in the worker command's --queue), got ${describeValue(queue)}`);
  }
  if (prefix !== undefined && (typeof prefix !== 'string' || !NAME.test(prefix))) {
    throw new TypeError(`options.cluster.prefix must be a key prefix (letters, digits, '.', '_', '-'), got ${describeValue(prefix)}`);
  }
  return {
    connection, queue, prefix,
    connectTimeoutMs: checkMs(options.connectTimeoutMs, 'connectTimeoutMs', 10_000),
    reconcileMs: checkMs(options.reconcileMs, 'reconcileMs', 500),
    maxRetries: checkRetries(options.maxRetries),
  };
}

/** No ':' (BullMQ's key separator) and nothing a shell or a key pattern would read otherwise. */
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

function checkMs(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new RangeError(`options.cluster.${name} must be a finite number of milliseconds from 1 to 2³¹−1, got ${describeValue(value)}`);
  }
  return value;
}

/** Two more tries survive two dead machines in a row, and bound the cost of a chunk that kills every worker it reaches. */
const DEFAULT_MAX_RETRIES = 2;

function checkRetries(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_MAX_RETRIES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    throw new RangeError('options.cluster.maxRetries must be a whole number from 0 to 100 (how many times an idempotent ' +
      `chunk whose worker command died is sent again), got ${describeValue(value)}`);
  }
  return value;
}

/** ioredis options for `connection`: a URL is parsed here, since ioredis reads neither redis+unix: nor unix: URLs. */
export function redisOptions(connection: ClusterSettings['connection']): Record<string, unknown> {
  // BullMQ needs this for its blocking connections; harmless on the others.
  const base = { maxRetriesPerRequest: null };
  if (typeof connection !== 'string') return { ...connection, ...base };
  const url = new URL(connection);
  if (url.protocol === 'redis+unix:' || url.protocol === 'unix:') return { ...base, path: decodeURIComponent(url.pathname) };
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`options.cluster.connection must be a redis://, rediss:// or redis+unix:// URL, got ${url.protocol} in ${redacted(connection)}`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  return {
    ...base,
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(db === undefined ? {} : { db }),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** The connection as errors may show it: never its password. */
export function redacted(connection: ClusterSettings['connection']): string {
  if (typeof connection !== 'string') {
    const { host, port, path } = connection as { host?: unknown; port?: unknown; path?: unknown };
    return path !== undefined ? `unix:${String(path)}` : `${String(host ?? '127.0.0.1')}:${String(port ?? 6379)}`;
  }
  return URL.canParse(connection) && new URL(connection).password !== ''
    ? connection.replace(/:[^:@/]*@/, ':***@')
    : connection;
}
