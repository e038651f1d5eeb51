/**
 * How dist/chunk-task.js (scripts/bundle.mjs) reaches the cluster chunk runner in the package's one copy of the
 * library: through globalThis, set when the library loads. The runner sits behind a dynamic import, which the
 * bundle holds in place and evaluates only when asked: every process that loads the library pays for parsing it,
 * only a worker command's local child runs it.
 */
import type { ModuleMeta } from '../../module-ref.js';

export const LOAD_CLUSTER_CHUNK_TASK = Symbol.for('multiproc.loadClusterChunkTask');

type Loader = (meta: ModuleMeta) => Promise<ReturnType<typeof import('./cluster-chunk-runner.js')['installClusterChunkTask']>>;

(globalThis as { [LOAD_CLUSTER_CHUNK_TASK]?: Loader })[LOAD_CLUSTER_CHUNK_TASK] ??=
  async (meta) => (await import('./cluster-chunk-runner.js')).installClusterChunkTask(meta);
