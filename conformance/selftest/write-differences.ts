/**
 * npx tsx conformance/selftest/write-differences.ts [--check]
 *
 * Writes reports/differences.md from the rules and the reference's deviations.json, running nothing (the
 * conformance CLI writes it too, with its other reports). With --check, exits 1 when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDeviations } from './adapters/reference/deviations.js';
import { DIFFERENCES_FILE_NAME, differencesMarkdown } from './differences.js';
import { loadRules } from '../harness/load-rules.js';
import { repoPath } from '../../test-support/repo-paths.js';

export const DIFFERENCES = repoPath('reports', DIFFERENCES_FILE_NAME);

/** What reports/differences.md should hold now. */
export async function currentDifferences(): Promise<string> {
  return differencesMarkdown(await loadRules(), readDeviations(), repoPath('reports'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const next = await currentDifferences();
  let current = '';
  try {
    current = readFileSync(DIFFERENCES, 'utf8');
  } catch {
    // Not written yet.
  }
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('reports/differences.md is stale: run npx tsx conformance/selftest/write-differences.ts');
      process.exitCode = 1;
    }
  } else if (next !== current) {
    writeFileSync(DIFFERENCES, next);
    console.log('Wrote reports/differences.md');
  } else console.log('reports/differences.md is up to date');
}
