/**
 * Peak resident memory of a measuring process and of every process under it, read the same way for every Node
 * system (cpython.py reads the same files): the parent's own high-water mark (getrusage's maxRSS), and each
 * descendant's VmHWM from /proc/<pid>/status, found through /proc/<pid>/task/<tid>/children. Read before the pool
 * shuts down, while its workers still live. Thread pools have no worker processes: their workers' memory is the
 * parent's. Linux only; elsewhere the workers' list is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

const KIB_PER_MIB = 1024;

/** This process's peak RSS so far (MiB): getrusage's maxRSS, a high-water mark. */
export function parentPeakMiB() {
  return process.resourceUsage().maxRSS / KIB_PER_MIB;
}

/** { parentMiB, workersMiB: [one per descendant process, by pid] } */
export function peakMemory() {
  return { parentMiB: parentPeakMiB(), workersMiB: descendants(process.pid).map(hwmMiB).filter((m) => m !== undefined) };
}

function descendants(pid) {
  const found = [];
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop();
    for (const child of childrenOf(next)) {
      found.push(child);
      pending.push(child);
    }
  }
  return found.sort((a, b) => a - b);
}

function childrenOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

function hwmMiB(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) / KIB_PER_MIB;
  } catch {
    return undefined;
  }
}
