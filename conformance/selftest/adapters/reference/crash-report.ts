/**
 * PoolHandle.crashReport() for the reference (pool.crash-diagnostics): the call made, and its WorkerCrashedError's
 * fields read back as the contract names them. PoolOptions.workerHeapMb becomes the workers' NODE_OPTIONS.
 */
import { type Pool, type TaskFunction, WorkerCrashedError } from '../../../../reference/src/index.js';
import type { CrashCall, CrashReport } from '../../../harness/index.js';
import { describeError } from './describe-error.js';

/** The parent's environment with the workers' V8 heap limited to `mb` (NODE_OPTIONS reaches every worker Node starts). */
export function heapLimitEnv(mb: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env['NODE_OPTIONS'] = `${env['NODE_OPTIONS'] ?? ''} --max-old-space-size=${mb}`.trim();
  return env;
}

export async function crashReport(pool: Pool, fn: TaskFunction, call: CrashCall): Promise<CrashReport> {
  try {
    const items = call.payload as never[];
    const value = call.method === 'apply' ? await pool.apply(fn, items) : await pool.starmap(fn, items, call.chunksize);
    return { settled: 'resolved', value };
  } catch (error) {
    const described = { settled: 'rejected' as const, ...describeError(error) };
    if (!(error instanceof WorkerCrashedError)) return described;
    const { pid, exitCode, signal, index, stderrTail, oom, task } = error;
    return { ...described, pid, exitCode, signal, index, stderrTail, oom, ...(task === null ? {} : { task }) };
  }
}
