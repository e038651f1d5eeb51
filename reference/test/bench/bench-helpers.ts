/** What the bench tests share: the seeded task durations of workload g, read as the systems read them. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../../test-support/repo-paths.js';

// Plain JavaScript the systems import: read from the repository, compiled or not (tsc does not copy .mjs).
// Tests are declared synchronously (ava), so the module is loaded inside them.
export const durations = async (count: number, seed: number, minMs: number, maxMs: number): Promise<number[]> =>
  ((await import(pathToFileURL(join(REPO_ROOT, 'bench/tasks/durations.mjs')).href)) as
    { mixedDurations: (count: number, seed: number, minMs: number, maxMs: number) => number[] }).mixedDurations(count, seed, minMs, maxMs);
