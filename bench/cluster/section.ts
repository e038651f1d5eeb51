/**
 * The cluster section of `npm run bench` (issue 19): the cluster pool beside the local pool in the same run, 2
 * worker processes on this machine (one worker command of `--processes 2`), measured from dist/ in a fresh
 * process (cluster-system.mjs). Redis: MULTIPROC_REDIS_URL when set, else a private redis-server started here
 * (scripts/redis/private-redis.sh) and stopped after; without redis-server the section says how to get it.
 * `--workloads cluster` runs this section alone; a --workloads list without it leaves it out.
 */
import { startPrivateRedis } from '../../test-support/private-redis.js';
import { runSystem } from '../lib/spawn-system.js';
import type { System } from '../lib/plan.js';
import { against, x } from '../lib/goals.js';
import { fmt } from '../lib/format.js';

const SYSTEM = { id: 'multiproc', label: 'multiproc cluster', script: '../cluster/cluster-system.mjs' } as System;
const CLUSTER_WORKLOAD = 'cluster';

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
  /**
   * The same with the worker handing each job to a child process over bare IPC (bullmq-noop-worker.mjs handoff):
   * the bound for a worker that runs its tasks in another process, as issue 19 requires of the worker command.
   */
  readonly bullmqHandoffApply?: { readonly p50Ms: number; readonly p99Ms: number };
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
  let stop: (() => void) | undefined;
  let redis = 'MULTIPROC_REDIS_URL';
  // startPrivateRedis never throws (a failed start is `missing`, with the script's reason), and the rest sits in
  // the try: this section runs after every other workload, and an error here must become the section's error,
  // not lose the figures already measured.
  if (url === undefined) {
    const started = startPrivateRedis();
    if ('missing' in started) {
      return { redis: `no private redis-server (${started.missing}): \`apt-get install -y redis-server\` (or set MULTIPROC_REDIS_URL), then run \`npm run bench -- --workloads cluster\`` };
    }
    ({ url, stop } = started);
    redis = 'a private redis-server on a Unix socket, no persistence (scripts/redis/private-redis.sh)';
  }
  try {
    const { output } = await runSystem(SYSTEM, undefined, CLUSTER_WORKLOAD, { url, processes, quick }, timeoutMs * 2);
    return { redis, ...(output as Omit<ClusterSection, 'redis'>) };
  } catch (error) {
    return { redis, error: (error as Error).message };
  } finally {
    stop?.();
  }
}

const figure = (value: number | undefined): string => (value === undefined ? '—' : fmt(value));

/**
 * A round-trip goal's verdict, and what bounds it: when plain BullMQ alone, measured in this run, is already
 * slower than the goal, the goal is out of reach on this machine whatever multiproc does, and the row says so
 * (issue 20 accepts, for such a goal, the limit measured in the same run and the ratio to it). Still "not met".
 */
export function tripVerdict(ours: number | undefined, limit: number | undefined, goalMs: number, handoff?: number): string {
  const plain = against(ours, goalMs, 'lower');
  if (plain !== 'not met' || limit === undefined || !Number.isFinite(limit)) return plain;
  const withHandoff = handoff === undefined || !Number.isFinite(handoff) ? ''
    : `; ${(ours! / handoff).toFixed(2)}× BullMQ with the hand-off to a process (${handoff.toFixed(2)} ms)`;
  return limit > goalMs
    ? `not met; bounded by BullMQ itself (${limit.toFixed(2)} ms > ${goalMs} ms), ${(ours! / limit).toFixed(2)}× it${withHandoff}`
    : `not met; ${(ours! / limit).toFixed(2)}× plain BullMQ${withHandoff}`;
}

/** The section of bench.md: issue 19's four goals, each met / not met / not measured (goals.ts's verdicts). */
export function renderClusterSection(section: ClusterSection | undefined, processes: number): string[] {
  if (section === undefined) return [];
  const { local, cluster, bullmqApply: limit, bullmqHandoffApply: handoff } = section;
  const ratio = (key: 'spinPerS' | 'mapItemsPerS'): number | undefined =>
    local === undefined || cluster === undefined ? undefined : cluster[key] / local[key];
  const spin = ratio('spinPerS');
  const map = ratio('mapItemsPerS');
  const n = (value: number | undefined, full: number): string => (value ?? full).toLocaleString('en-US');
  const { spin: spins, ints, trips } = section.sizes ?? { spin: undefined, ints: undefined, trips: undefined };
  const rows = [
    [`${n(spins, 2000)} × 10 ms CPU tasks (starmap, default chunksize)`, `${figure(local?.spinPerS)} tasks/s`, `${figure(cluster?.spinPerS)} tasks/s`,
      x(spin), '≥ 0.9× local', against(spin, 0.9, 'higher')],
    [`map of ${n(ints, 200_000)} tiny ints, default chunksize (median of 3)`, `${figure(local?.mapItemsPerS)} items/s`, `${figure(cluster?.mapItemsPerS)} items/s`,
      x(map), '≥ 0.2× local', against(map, 0.2, 'higher')],
    [`${n(trips, 2000)} one-at-a-time \`apply\` round trips, p50`, `${figure(local?.applyP50Ms)} ms`, `${figure(cluster?.applyP50Ms)} ms`,
      '', '≤ 1 ms', tripVerdict(cluster?.applyP50Ms, limit?.p50Ms, 1, handoff?.p50Ms)],
    ['… p99', `${figure(local?.applyP99Ms)} ms`, `${figure(cluster?.applyP99Ms)} ms`, '', '≤ 5 ms', tripVerdict(cluster?.applyP99Ms, limit?.p99Ms, 5, handoff?.p99Ms)],
    ['limit: plain BullMQ, the same round trips (Queue + QueueEvents here, a no-op Worker in a child process), p50 / p99', '',
      `${figure(limit?.p50Ms)} / ${figure(limit?.p99Ms)} ms`,
      limit === undefined || cluster === undefined ? '' : `cluster ÷ limit: ${x(cluster.applyP50Ms / limit.p50Ms)} / ${x(cluster.applyP99Ms / limit.p99Ms)}`,
      'measured bound', limit === undefined ? 'not measured' : 'measured'],
    ['limit with the hand-off issue 19 requires: the same, the Worker handing each job to a child process of its own (bare IPC), p50 / p99', '',
      `${figure(handoff?.p50Ms)} / ${figure(handoff?.p99Ms)} ms`,
      handoff === undefined || cluster === undefined ? '' : `cluster ÷ limit: ${x(cluster.applyP50Ms / handoff.p50Ms)} / ${x(cluster.applyP99Ms / handoff.p99Ms)}`,
      'measured bound', handoff === undefined ? 'not measured' : 'measured'],
    ['SIGKILL of a worker command → its chunk\'s `WorkerCrashedError` (shipped defaults: lock 8 s, stalled check 4 s)', '', `${figure(section.killToRejectionMs === undefined ? undefined : section.killToRejectionMs / 1000)} s`,
      '', '≤ 15 s', against(section.killToRejectionMs, 15_000, 'lower')],
  ];
  return [
    '## Across machines: the cluster pool (issue 19)', '',
    `\`new Pool({ processes: ${processes}, cluster })\` served by one \`multiproc worker --processes ${processes}\` on this machine, ` +
      `beside \`new Pool(${processes})\`, one after the other in the same process, from dist/. Redis: ${section.redis}. ` +
      'Goals are issue 19\'s; a figure that did not run reads "not measured", never met.',
    ...(section.error === undefined ? [] : ['', `**The cluster run failed:** ${section.error}`]),
    '', '| workload | local pool | cluster pool | cluster ÷ local | goal | |', '|---|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}
