/**
 * Finds the mutants: every conformance/selftest/mutants/<name>.ts default-exports one Mutant named after its file, whose
 * name starts with its area (`process-…`, `pool-…`, `queue-…`).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isModuleFile, MODULE_EXT } from '../../../../test-support/repo-paths.js';
import type { Mutant } from './mutant.js';

export const MUTANTS_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Mutant names from the file names, without importing anything (ava declares its tests synchronously). */
export function mutantNames(): string[] {
  return readdirSync(MUTANTS_DIR)
    .filter(isModuleFile)
    .map((file) => file.slice(0, -MODULE_EXT.length))
    .sort();
}

/** Metadata problems of one mutant, as sentences. */
export function lintMutant(mutant: Mutant | undefined, file: string): string[] {
  if (mutant === undefined) return [`${file} has no default export (export default defineMutant({...}))`];
  const problems: string[] = [];
  const name = file.replace(/\.ts$/, '');
  if (mutant.name !== name) problems.push(`mutant "${mutant.name}" should be named after its file, ${name}`);
  if (!/^[a-z]+(-[a-z0-9]+)+$/.test(mutant.name)) problems.push(`mutant "${mutant.name}": name must be kebab-case`);
  if (!mutant.name.startsWith(`${mutant.area}-`)) problems.push(`mutant "${mutant.name}": name must start with its area, ${mutant.area}-`);
  if (!mutant.violation) problems.push(`mutant "${mutant.name}": violation must say what it breaks`);
  if (typeof mutant.reaches !== 'function') problems.push(`mutant "${mutant.name}": reaches must be a function of the trace`);
  return problems;
}

/** Loads every mutant, sorted by name; throws listing every malformed one at once. */
export async function loadMutants(): Promise<Mutant[]> {
  const mutants: Mutant[] = [];
  const problems: string[] = [];
  for (const name of mutantNames()) {
    const file = `${name}.ts`;
    const module = (await import(pathToFileURL(join(MUTANTS_DIR, `${name}${MODULE_EXT}`)).href)) as { default?: Mutant };
    const found = lintMutant(module.default, file);
    problems.push(...found);
    if (found.length === 0) mutants.push(module.default!);
  }
  if (problems.length > 0) throw new Error(`malformed mutants:\n- ${problems.join('\n- ')}`);
  return mutants;
}
