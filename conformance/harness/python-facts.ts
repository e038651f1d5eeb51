/**
 * For the few rules whose Python behaviour depends on the version (their statement names it): whether the CPython
 * under test (RuleContext.python) is older than a version. False on every implementation that is not CPython.
 */
import type { PythonFacts } from './implementation.js';

export function pythonOlderThan(python: PythonFacts | undefined, version: string): boolean {
  if (python === undefined) return false;
  const have = python.version.split('.').map(Number);
  const want = version.split('.').map(Number);
  for (let i = 0; i < want.length; i++) {
    if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) < want[i]!;
  }
  return false;
}
