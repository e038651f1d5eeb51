/**
 * Reads the traceability data: the outline and the CPython test list (JSON), and every `docs-*` and `cpython-*`
 * module of this directory. A module may export (as default or by name) what defineDocSections, defineTestGroup
 * and defineExcludedClasses return; each export is recognised by its shape, so files need no registry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isModuleFile, MODULE_EXT, repoPath } from '../../test-support/repo-paths.js';
import type { DocSectionTrace, ExcludedClasses, TestGroupTrace } from './define.js';
import type { CpythonTests, Outline, TraceabilityData } from './lint.js';

/** The data modules: the sources under tsx, their compiled form in .tmp/js otherwise. */
const MODULES_DIR = fileURLToPath(new URL('./', import.meta.url));

export const OUTLINE_FILE = repoPath('conformance', 'traceability', 'docs-outline.json');
export const CPYTHON_TESTS_FILE = repoPath('conformance', 'traceability', 'cpython-tests.json');
export const TRACEABILITY_FILE = repoPath('conformance', 'TRACEABILITY.md');

export function readOutline(): Outline {
  return JSON.parse(readFileSync(OUTLINE_FILE, 'utf8')) as Outline;
}

export function readCpythonTests(): CpythonTests {
  return JSON.parse(readFileSync(CPYTHON_TESTS_FILE, 'utf8')) as CpythonTests;
}

/** The data file names present (as .ts, whatever form runs), sorted. */
export function dataFiles(): string[] {
  return readdirSync(MODULES_DIR)
    .filter((name) => isModuleFile(name) && /^(docs|cpython)-/.test(name))
    .sort()
    .map((name) => name.replace(/\.js$/, '.ts'));
}

const isSections = (value: unknown): value is DocSectionTrace[] =>
  Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && 'title' in s && 'paragraphs' in s);
const isGroup = (value: unknown): value is TestGroupTrace => typeof value === 'object' && value !== null && 'classes' in value && 'tests' in value;
const isExcluded = (value: unknown): value is ExcludedClasses => typeof value === 'object' && value !== null && 'excluded' in value;

export async function loadTraceability(): Promise<TraceabilityData & { unrecognised: string[] }> {
  const docs: { file: string; sections: DocSectionTrace[] }[] = [];
  const groups: { file: string; group: TestGroupTrace }[] = [];
  const excluded: { file: string; classes: ExcludedClasses }[] = [];
  const unrecognised: string[] = [];
  for (const file of dataFiles()) {
    const path = join(MODULES_DIR, file.replace(/\.ts$/, MODULE_EXT));
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    let found = 0;
    for (const [name, value] of Object.entries(module)) {
      if (isSections(value)) docs.push({ file, sections: value });
      else if (isGroup(value)) groups.push({ file, group: value });
      else if (isExcluded(value)) excluded.push({ file, classes: value });
      else {
        unrecognised.push(`${file}: export ${name} is none of defineDocSections, defineTestGroup, defineExcludedClasses`);
        continue;
      }
      found++;
    }
    if (found === 0) unrecognised.push(`${file}: exports no traceability data`);
  }
  return { docs, groups, excluded, unrecognised };
}
