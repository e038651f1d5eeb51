/**
 * Runs a script that may start processes without end (a script without the main guard, defect 17) and watches
 * its whole process tree. The script runs in a process group of its own, so that everything it started can be
 * killed at once at the end, even descendants whose parents died and which no longer hang below the test.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import { nodeArgsFor, REPO_ROOT } from '../../../test-support/repo-paths.js';
import { isLoaderHelper } from '../../../test-support/no-orphans.js';
import { sleep } from './helpers.js';

export interface TreeRun {
  /** How the script itself ended, or 'runaway' when its tree grew deeper than allowed and was killed. */
  readonly ending: { code: number | null; signal: NodeJS.Signals | null } | 'runaway' | 'timeout';
  readonly stdout: string;
  readonly stderr: string;
  /** Deepest level of the tree seen below the script (1: its children, 2: grandchildren, …). */
  readonly maxDepth: number;
  /** Distinct processes seen below the script, over the whole run. */
  readonly processesSeen: number;
  /** The most processes seen below the script at once (sampled about every 25 ms). */
  readonly mostAtOnce: number;
}

/**
 * Runs `script` with `args` until it exits by itself (and everything holding its output has closed), its tree
 * grows `stopAtDepth` levels deep, or `withinMs` passes; then kills whatever is left of its process group.
 */
export async function runTree(t: ExecutionContext, script: string, args: string[], stopAtDepth: number,
  withinMs: number): Promise<TreeRun> {
  const child = spawn(process.execPath, nodeArgsFor(script, ...args), {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const root = child.pid!;
  const killGroup = () => {
    try {
      process.kill(-root, 'SIGKILL');
    } catch {
      // The group is empty: everything has exited.
    }
  };
  t.teardown(killGroup);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.once('exit', (code, signal) => (exit = { code, signal }));
  let closed = false;
  child.once('close', () => (closed = true));

  const started = Date.now();
  const seen = new Set<number>();
  let mostAtOnce = 0;
  let maxDepth = 0;
  let ending: TreeRun['ending'] | undefined;
  while (ending === undefined) {
    const depths = depthsBelow(root);
    for (const [pid, depth] of depths) {
      seen.add(pid);
      maxDepth = Math.max(maxDepth, depth);
    }
    mostAtOnce = Math.max(mostAtOnce, depths.size);
    if (maxDepth >= stopAtDepth) ending = 'runaway';
    else if (exit !== undefined && closed) ending = exit;
    else if (Date.now() - started > withinMs) ending = 'timeout';
    else await sleep(25);
  }
  killGroup();
  return { ending, stdout, stderr, maxDepth, processesSeen: seen.size, mostAtOnce };
}

/** Every living descendant of `root` with its depth below it (the TypeScript loader's helpers left out). */
function depthsBelow(root: number): Map<number, number> {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      const siblings = childrenOf.get(Number(ppid)) ?? [];
      siblings.push(Number(entry));
      childrenOf.set(Number(ppid), siblings);
    } catch {
      // The process ended while we read.
    }
  }
  const depths = new Map<number, number>();
  const frontier: [number, number][] = [[root, 0]];
  while (frontier.length > 0) {
    const [parent, depth] = frontier.pop()!;
    for (const pid of childrenOf.get(parent) ?? []) {
      if (isLoaderHelper(pid)) continue;
      depths.set(pid, depth + 1);
      frontier.push([pid, depth + 1]);
    }
  }
  return depths;
}

/** What a run's tree looked like, for assertion messages. */
export function treeSeen(run: TreeRun): string {
  return `ended ${JSON.stringify(run.ending)}; ${run.processesSeen} processes seen below the script, ` +
    `${run.mostAtOnce} at once, ${run.maxDepth} levels deep`;
}
