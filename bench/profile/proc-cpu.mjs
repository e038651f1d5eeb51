/**
 * CPU time (user + system, ms) of processes by pid and of all their descendants, from /proc (Linux only). On a
 * busy machine a round trip's latency swings with the load, its CPU cost much less: paired-cluster-apply.mjs
 * reports both.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid) {
  try {
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms so far of `pids` and every live descendant of theirs (`byPid`, when given, gets each one's). */
export function treeCpuMs(pids, byPid) {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const children = new Map();
  for (const pid of all) {
    const s = stat(pid);
    if (s !== undefined) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  const todo = [...pids];
  while (todo.length > 0) {
    const pid = todo.pop();
    const ms = stat(pid)?.cpuMs ?? 0;
    byPid?.set(pid, ms);
    total += ms;
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}
