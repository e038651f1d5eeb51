/**
 * Did a pool worker die of memory? Two signs the parent can read after the fact: V8's own fatal report on the
 * worker's stderr (the worker's JavaScript heap reached its limit; Node then aborts with SIGABRT), or a SIGKILL
 * that came right after the worker's last reported RSS crossed the pool's memory ceiling. Pure, so each sign is
 * tested on its own; the crash error calls it once per crash, never per task.
 */

/** What a crash leaves to judge by. `lastRssMb` and `limitMb`: the worker's last RSS figure and its ceiling, when known. */
export interface OomEvidence {
  readonly stderrTail: string;
  readonly signal: NodeJS.Signals | null;
  readonly lastRssMb?: number | undefined;
  readonly limitMb?: number | undefined;
}

/**
 * What V8 prints when a heap cannot grow: "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out
 * of memory" (Node 12 on), "… CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory" (older), and
 * "Fatal JavaScript out of memory" / "Fatal process out of memory" (other allocation sites).
 */
const HEAP_EXHAUSTED = /JavaScript heap out of memory|Reached heap limit|Fatal (?:JavaScript|process) out of memory/;

/** The hint for the crash message (the cause and its fix) when the worker died of memory, else undefined. */
export function oomHint(evidence: OomEvidence): string | undefined {
  if (HEAP_EXHAUSTED.test(evidence.stderrTail)) {
    return 'out of memory: the worker\'s JavaScript heap reached its limit (V8 aborted it). Give the task less to ' +
      'hold at once (smaller chunks, streaming, results returned as they come), or raise the workers\' heap: ' +
      'new Pool({ env: { ...process.env, NODE_OPTIONS: \'--max-old-space-size=4096\' } })';
  }
  const { signal, lastRssMb, limitMb } = evidence;
  if (signal === 'SIGKILL' && lastRssMb !== undefined && limitMb !== undefined && lastRssMb >= limitMb) {
    return `out of memory: the worker was SIGKILLed right after its memory (${Math.round(lastRssMb)} MB RSS) crossed ` +
      `its ceiling of ${limitMb} MB. Give the task less to hold at once, or raise the ceiling`;
  }
  return undefined;
}
