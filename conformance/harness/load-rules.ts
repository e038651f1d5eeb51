/**
 * Finds the rules: every file under conformance/rules/<area>/ default-exports one Rule whose id matches
 * the file's place (`process.exitcode.signal-is-negative` lives in rules/process/exitcode-signal-is-negative.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPABILITIES } from './implementation.js';
import { CONFORMANCE_DIR, isModuleFile, MODULE_EXT, PACKAGE_ROOT } from './paths.js';
import type { Rule } from './rule.js';

/** The rule modules to import: the sources under tsx, their compiled form in .tmp/js/ or in the package. */
export const RULES_DIR = join(CONFORMANCE_DIR, 'rules');

/**
 * The rules' text, for what reads a rule rather than running it: the TypeScript sources in the repository (also when
 * running from .tmp/js/), the compiled modules in the installed package, which ships no sources.
 */
export const RULE_SOURCES_DIR = existsSync(join(PACKAGE_ROOT, 'conformance', 'rules')) ? join(PACKAGE_ROOT, 'conformance', 'rules') : RULES_DIR;
const SOURCE_EXT = RULE_SOURCES_DIR === RULES_DIR ? MODULE_EXT : '.ts';

const ID = /^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*){2,}$/;
const SOURCES = new Set(['seed', 'python-docs', 'beyond']);

/** A rule's source, read as text: its id, area and the whole file. */
export interface RuleSource {
  readonly file: string;
  readonly id: string;
  readonly area: string;
  readonly text: string;
}

/**
 * Every rule's source text, sorted by file, without importing any rule: for what must be known synchronously
 * (ava declares its tests before any await) or is read off the text (the task catalog, the tasks a claim needs).
 */
export function ruleSources(): RuleSource[] {
  return readdirSync(RULE_SOURCES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(SOURCE_EXT) && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(RULE_SOURCES_DIR, file), 'utf8');
      const id = /\bid:\s*['"]([^'"]+)['"]/.exec(text)?.[1] ?? file;
      return { file, id, area: id.split('.')[0]!, text };
    });
}

/** Where a rule with this id must live, relative to the rules directory (its TypeScript source). */
export function expectedFileOf(id: string): string {
  const [area, ...rest] = id.split('.');
  return join(area!, `${rest.join('-')}.ts`);
}

/** The file holding a rule's text: its source in the repository, its compiled module in the package. */
export function ruleSourcePath(id: string): string {
  return join(RULE_SOURCES_DIR, expectedFileOf(id).replace(/\.ts$/, SOURCE_EXT));
}

/** Metadata problems of one rule, as sentences (empty when the rule is well formed). */
export function lintRule(rule: Rule, file: string): string[] {
  const problems: string[] = [];
  if (!ID.test(rule.id)) problems.push(`id "${rule.id}" is not of the form area.subject.claim-in-words`);
  else if (file !== expectedFileOf(rule.id)) problems.push(`rule ${rule.id} should live in ${expectedFileOf(rule.id)}, not ${file}`);
  if (!SOURCES.has(rule.source)) problems.push(`rule ${rule.id}: source must be seed, python-docs or beyond`);
  if (rule.source !== 'beyond' && !rule.python) problems.push(`rule ${rule.id}: a ${rule.source} rule must say where Python says it`);
  if (!rule.statement || !/[.]$/.test(rule.statement)) problems.push(`rule ${rule.id}: statement must be a sentence`);
  if (rule.source === 'beyond') {
    const stated = rule.cpython;
    if (stated === undefined) problems.push(`rule ${rule.id}: a beyond rule must say what CPython does instead (cpython: { does, failure })`);
    else {
      if (typeof stated.does !== 'string' || !/[.]$/.test(stated.does)) problems.push(`rule ${rule.id}: cpython.does must be a sentence`);
      if (!(stated.failure instanceof RegExp)) problems.push(`rule ${rule.id}: cpython.failure must be a RegExp matching its failure reason on CPython`);
      // A global or sticky RegExp remembers where it stopped: test() would depend on the previous call.
      else if (stated.failure.global || stated.failure.sticky) problems.push(`rule ${rule.id}: cpython.failure must not have the g or y flag`);
      const methods = ['fork', 'spawn', 'forkserver'];
      if (stated.keptUnder !== undefined && (!Array.isArray(stated.keptUnder) || stated.keptUnder.some((m) => !methods.includes(m)))) {
        problems.push(`rule ${rule.id}: cpython.keptUnder must list start methods (${methods.join(', ')})`);
      }
    }
  } else if (rule.cpython !== undefined) problems.push(`rule ${rule.id}: only a beyond rule says what CPython does instead (cpython)`);
  if (rule.relies !== undefined && (typeof rule.relies !== 'string' || !/[.]$/.test(rule.relies))) {
    problems.push(`rule ${rule.id}: relies must be a sentence saying what the check takes on the implementation's word`);
  }
  for (const need of rule.needs) {
    if (!(need in CAPABILITIES)) problems.push(`rule ${rule.id}: unknown capability "${need}"`);
  }
  if (typeof rule.check !== 'function') problems.push(`rule ${rule.id}: check must be a function`);
  return problems;
}

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ruleFiles(path);
    return isModuleFile(entry.name) ? [path] : [];
  });
}

/** Loads every rule, sorted by id; throws listing every malformed rule at once. */
export async function loadRules(): Promise<Rule[]> {
  const rules: Rule[] = [];
  const problems: string[] = [];
  for (const path of ruleFiles(RULES_DIR)) {
    const module = (await import(pathToFileURL(path).href)) as { default?: Rule };
    // Named after its source file (.ts) even when compiled, so that lint messages point at what to edit.
    const file = relative(RULES_DIR, path).split(sep).join('/').replace(/\.js$/, '.ts');
    if (module.default === undefined) {
      problems.push(`${file} has no default export (export default defineRule({...}))`);
      continue;
    }
    problems.push(...lintRule(module.default, file));
    rules.push(module.default);
  }
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) problems.push(`two rules share the id ${rule.id}`);
    ids.add(rule.id);
  }
  if (problems.length > 0) throw new Error(`malformed rules:\n- ${problems.join('\n- ')}`);
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** `*` matches within a dot-separated segment run, `**`-free globbing is enough for ids. */
export function matchesFilter(id: string, glob: string | undefined): boolean {
  if (glob === undefined) return true;
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(id);
}
