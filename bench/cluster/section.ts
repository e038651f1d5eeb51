/**
 * The cluster section of `npm run bench` (issue 19): the cluster pool beside the local pool in the same run, 2
 * worker processes on this machine (one worker command of `--processes 2`), measured from dist/ in a fresh
 * process (cluster-system.mjs). Redis: MULTIPROC_REDIS_URL when set, else a private redis-server started here
 * (scripts/redis/private-redis.sh) and stopped after; without redis-server the section says how to get it.
 * `--workloads cluster` runs this section alone; a --workloads list without it leaves it out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runSystem } from '../lib/spawn-system.js';
import type { System } from '../lib/plan.js';

const PRIVATE_REDIS = fileURLToPath(new URL('../../scripts/redis/private-redis.sh', import.meta.url));
const SYSTEM = { id: 'multiproc', label: 'multiproc cluster', script: '../cluster/cluster-system.mjs' } as System;
export const CLUSTER_WORKLOAD = 'cluster';

interface Figures {
  readonly spinPerS: number;
  readonly mapItemsPerS: number;
  readonly applyP50Ms: number;
  readonly applyP99Ms: number;
}

export interface ClusterSection {
  /** What ran, or why it did not. */
  readonly redis: string;
  readonly local?: Figures;
  readonly cluster?: Figures;
  readonly killToRejectionMs?: number;
  /** The limit: plain BullMQ's one-at-a-time round trips on the same Redis, in the same run (bullmq-limit.mjs). */
  readonly bullmqApply?: { readonly p50Ms: number; readonly p99Ms: number };
  /** How many tasks, items and round trips ran (--quick runs fewer). */
  readonly sizes?: { readonly spin: number; readonly ints: number; readonly trips: number };
  readonly error?: string;
}

/** Whether the --workloads list asks for this section (no list: every workload, this one too). */
export function wantsCluster(workloads: string | undefined): boolean {
  return workloads === undefined || workloads.split(',').some((w) => w.trim() === CLUSTER_WORKLOAD);
}

/** The --workloads list for the other workloads: this section's id taken out. */
export function otherWorkloads(workloads: string | undefined): string | undefined {
  return workloads?.split(',').filter((w) => w.trim() !== CLUSTER_WORKLOAD).join(',');
}

export async function runClusterSection(processes: number, quick: boolean, timeoutMs: number): Promise<ClusterSection> {
  let url = process.env['MULTIPROC_REDIS_URL'] || undefined;
  let dir: string | undefined;
  let redis = 'MULTIPROC_REDIS_URL';
  if (url === undefined) {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      return { redis: 'redis-server is not installed: `apt-get install -y redis-server` (or set MULTIPROC_REDIS_URL), then run `npm run bench -- --workloads cluster`' };
    }
    url = execFileSync(PRIVATE_REDIS, ['start'], { encoding: 'utf8' }).trim();
    dir = fileURLToPath(new URL('.', url.replace(/^redis\+unix:/, 'file:')));
    redis = 'a private redis-server on a Unix socket, no persistence (scripts/redis/private-redis.sh)';
  }
  try {
    const { output } = await runSystem(SYSTEM, undefined, CLUSTER_WORKLOAD, { url, processes, quick }, timeoutMs * 2);
    return { redis, ...(output as Omit<ClusterSection, 'redis'>) };
  } catch (error) {
    return { redis, error: (error as Error).message };
  } finally {
    if (dir !== undefined) execFileSync(PRIVATE_REDIS, ['stop', dir]);
  }
}

type Verdict = 'met' | 'not met' | 'not measured';
const verdict = (value: number | undefined, ok: (v: number) => boolean): Verdict =>
  value === undefined || !Number.isFinite(value) ? 'not measured' : ok(value) ? 'met' : 'not met';
const fmt = (value: number | undefined, digits: number): string => value === undefined ? '—' : value.toFixed(digits);

/**
 * A round-trip goal's verdict, and what bounds it: when plain BullMQ alone, measured in this run, is already
 * slower than the goal, the goal is out of reach on this machine whatever multiproc does, and the row says so
 * (issue 20 accepts, for such a goal, the limit measured in the same run and the ratio to it). Still "not met".
 */
export function tripVerdict(ours: number | undefined, limit: number | undefined, goalMs: number): string {
  const plain = verdict(ours, (v) => v <= goalMs);
  if (plain !== 'not met' || limit === undefined || !Number.isFinite(limit)) return plain;
  return limit > goalMs
    ? `not met; bounded by BullMQ itself (${limit.toFixed(2)} ms > ${goalMs} ms), ${(ours! / limit).toFixed(2)}× it`
    : `not met; ${(ours! / limit).toFixed(2)}× plain BullMQ`;
}

/** The section of bench.md: issue 19's four goals, each met / not met / not measured. */
export function renderClusterSection(section: ClusterSection | undefined, processes: number): string {
  if (section === undefined) return '';
  const { local, cluster, bullmqApply: limit } = section;
  const ratio = (key: 'spinPerS' | 'mapItemsPerS'): number | undefined =>
    local === undefined || cluster === undefined ? undefined : cluster[key] / local[key];
  const spin = ratio('spinPerS');
  const map = ratio('mapItemsPerS');
  const n = (value: number | undefined, full: number): string => (value ?? full).toLocaleString('en-US');
  const { spin: spins, ints, trips } = section.sizes ?? { spin: undefined, ints: undefined, trips: undefined };
  const rows = [
    [`${n(spins, 2000)} × 10 ms CPU tasks (starmap, default chunksize)`, `${fmt(local?.spinPerS, 1)} tasks/s`, `${fmt(cluster?.spinPerS, 1)} tasks/s`,
      `${fmt(spin, 2)}×`, '≥ 0.9× local', verdict(spin, (v) => v >= 0.9)],
    [`map of ${n(ints, 200_000)} tiny ints, default chunksize (median of 3)`, `${fmt(local?.mapItemsPerS, 0)} items/s`, `${fmt(cluster?.mapItemsPerS, 0)} items/s`,
      `${fmt(map, 2)}×`, '≥ 0.2× local', verdict(map, (v) => v >= 0.2)],
    [`${n(trips, 2000)} one-at-a-time \`apply\` round trips, p50`, `${fmt(local?.applyP50Ms, 2)} ms`, `${fmt(cluster?.applyP50Ms, 2)} ms`,
      '', '≤ 1 ms', tripVerdict(cluster?.applyP50Ms, limit?.p50Ms, 1)],
    ['… p99', `${fmt(local?.applyP99Ms, 2)} ms`, `${fmt(cluster?.applyP99Ms, 2)} ms`, '', '≤ 5 ms', tripVerdict(cluster?.applyP99Ms, limit?.p99Ms, 5)],
    ['limit: plain BullMQ, the same round trips (Queue + QueueEvents here, a no-op Worker in a child process), p50 / p99', '',
      `${fmt(limit?.p50Ms, 2)} / ${fmt(limit?.p99Ms, 2)} ms`,
      limit === undefined || cluster === undefined ? '' : `cluster ÷ limit: ${fmt(cluster.applyP50Ms / limit.p50Ms, 2)}× / ${fmt(cluster.applyP99Ms / limit.p99Ms, 2)}×`,
      'measured bound', limit === undefined ? 'not measured' : 'measured'],
    ['SIGKILL of a worker command → its chunk\'s `WorkerCrashedError` (shipped defaults: lock 8 s, stalled check 4 s)', '', `${fmt(section.killToRejectionMs === undefined ? undefined : section.killToRejectionMs / 1000, 1)} s`,
      '', '≤ 15 s', verdict(section.killToRejectionMs, (v) => v <= 15_000)],
  ];
  return [
    '', '## Across machines: the cluster pool (issue 19)', '',
    `\`new Pool({ processes: ${processes}, cluster })\` served by one \`multiproc worker --processes ${processes}\` on this machine, ` +
      `beside \`new Pool(${processes})\`, one after the other in the same process, from dist/. Redis: ${section.redis}. ` +
      'Goals are issue 19\'s; a figure that did not run reads "not measured", never met.',
    ...(section.error === undefined ? [] : ['', `**The cluster run failed:** ${section.error}`]),
    '', '| workload | local pool | cluster pool | cluster ÷ local | goal | |', '|---|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`), '',
  ].join('\n');
}
