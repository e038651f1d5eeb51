/**
 * The rules the reference knowingly breaks, rule id → why, kept in deviations.json next to this file (rule authors
 * add an entry beside a rule of Python's behaviour that multiproc deliberately does otherwise). The runner reports
 * such a failure as "differs (declared)"; a declared rule that passes fails the run, so the file stays true; and
 * reports/differences.md lists each one.
 */
import { readFileSync } from 'node:fs';
import { repoPath } from '../../../../test-support/repo-paths.js';

export const DEVIATIONS_FILE = repoPath('conformance', 'selftest', 'adapters', 'reference', 'deviations.json');

export function readDeviations(): Readonly<Record<string, string>> {
  const parsed: unknown = JSON.parse(readFileSync(DEVIATIONS_FILE, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${DEVIATIONS_FILE} must hold a JSON object: rule id → the reason the reference deviates`);
  }
  return Object.freeze({ ...(parsed as Record<string, string>) });
}
