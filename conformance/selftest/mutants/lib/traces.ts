/**
 * The rules' reference traces, kept in conformance/selftest/mutants/traces.json so that a mutant run need not run every
 * rule on the reference first. Each trace carries a hash of its rule's file: a rule edited since is traced again
 * (live, on the reference) before its mutants are planned.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import reference from '../../adapters/reference/index.js';
import cluster from '../../adapters/cluster/index.js';
import { ensureRedisForCluster } from '../../private-redis.js';
import type { Implementation } from '../../../harness/implementation.js';
import { expectedFileOf, RULE_SOURCES_DIR } from '../../../harness/load-rules.js';
import { repoPath } from '../../../../test-support/repo-paths.js';
import type { Rule } from '../../../harness/rule.js';
import { runRule, type RuleResult } from '../../../harness/run-rule.js';
import { recorded, type Trace } from './trace.js';

export const TRACES_FILE = repoPath('conformance', 'selftest', 'mutants', 'traces.json');

/** Bumped when what a trace records changes: older files are traced again. */
const VERSION = 2;

interface Stored {
  readonly version?: number;
  readonly note: string;
  readonly rules: Record<string, { readonly hash: string; readonly events: Trace }>;
}

export function ruleHash(rule: Rule): string {
  return createHash('sha256').update(readFileSync(join(RULE_SOURCES_DIR, expectedFileOf(rule.id)))).digest('hex').slice(0, 16);
}

/** Stored traces still valid for `rules` (same file hash), by rule id. */
export async function readTraces(rules: readonly Rule[]): Promise<Map<string, Trace>> {
  let stored: Stored;
  try {
    stored = JSON.parse(await readFile(TRACES_FILE, 'utf8')) as Stored;
  } catch {
    return new Map();
  }
  if (stored.version !== VERSION) return new Map();
  const valid = new Map<string, Trace>();
  for (const rule of rules) {
    const entry = stored.rules[rule.id];
    if (entry !== undefined && entry.hash === ruleHash(rule)) valid.set(rule.id, entry.events);
  }
  return valid;
}

/** Writes the traces of `rules` (merged over the stored ones of other rules), only when something changed. */
export async function writeTraces(rules: readonly Rule[], traces: ReadonlyMap<string, Trace>): Promise<boolean> {
  const before = await readFile(TRACES_FILE, 'utf8').catch(() => '');
  const old: Partial<Stored> = before === '' ? {} : (JSON.parse(before) as Stored);
  const merged: Stored['rules'] = old.version === VERSION ? { ...old.rules } : {};
  for (const rule of rules) {
    const events = traces.get(rule.id);
    if (events !== undefined) merged[rule.id] = { hash: ruleHash(rule), events };
  }
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const note = 'written by npm run conformance -- --mutants: what each rule did on the reference (see lib/trace.ts)';
  // One line per rule: a changed rule is a one-line diff.
  const lines = Object.entries(sorted).map(([id, entry]) => `  ${JSON.stringify(id)}: ${JSON.stringify(entry)}`);
  const text = `{\n "version": ${VERSION},\n "note": ${JSON.stringify(note)},\n "rules": {\n${lines.join(',\n')}\n }\n}\n`;
  if (text === before) return false;
  await writeFile(TRACES_FILE, text);
  return true;
}

/**
 * Where `rule` is traced: the reference, but for a rule of what only the cluster pool does (it needs a capability
 * the reference does not claim and the cluster adapter does: pool.chunks-by-work), the cluster adapter, on
 * MULTIPROC_REDIS_URL or a private redis-server started for the run. Its mutants wrap the cluster adapter too.
 */
function tracedOn(rule: Rule): Implementation {
  const claims = (implementation: Implementation) => rule.needs.every((need) => implementation.capabilities.has(need));
  if (claims(reference) || !claims(cluster)) return reference;
  ensureRedisForCluster();
  return cluster;
}

/** Runs `rule` on the reference (or the cluster adapter: tracedOn), recording its trace; `on` says which. */
export async function traceRule(rule: Rule): Promise<{ result: RuleResult; trace: Trace; on: Implementation }> {
  let trace: Trace = [];
  const on = tracedOn(rule);
  const result = await runRule(recorded(on, (recordedTrace) => (trace = recordedTrace)), rule);
  return { result, trace, on };
}
