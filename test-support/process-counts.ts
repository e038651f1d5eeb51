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
  return statusMiB(pid, 'VmRSS');
}

/** Peak resident memory of `pid` in MiB (VmHWM), or undefined when the process is gone. */
export function peakResidentMiB(pid: number | 'self' = 'self'): number | undefined {
  return statusMiB(pid, 'VmHWM');
}

/** A `<field>: <n> kB` line of /proc/<pid>/status, in MiB. */
function statusMiB(pid: number | 'self', field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}
