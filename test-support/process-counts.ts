/**
 * Counts that show a leak: open descriptors and memory of a process, read from /proc (Linux).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** How many file descriptors `pid` has open. */
export function openDescriptors(pid: number | 'self' = 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Resident memory of `pid` in MiB (VmRSS), or undefined when the process is gone. */
export function residentMiB(pid: number | 'self' = 'self'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** Peak resident memory of `pid` in MiB (VmHWM), or undefined when the process is gone. */
export function peakResidentMiB(pid: number | 'self' = 'self'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}
