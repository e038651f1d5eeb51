/**
 * reports/differences.md: where multiproc differs from Python, from the rules and the reference's declared
 * deviations alone (nothing runs): each declared deviation (Python's behaviour is the rule's statement, the
 * reference's reason is the declaration) and each `beyond` rule (what CPython does instead is `cpython.does`,
 * what multiproc does is the statement). `npm run conformance` writes it with the other reports, and a test
 * fails when the committed file is stale.
 */
import { join, relative } from 'node:path';
import { expectedFileOf, RULE_SOURCES_DIR } from '../harness/load-rules.js';
import { pythonLink } from '../harness/report.js';
import type { Rule } from '../harness/rule.js';

export const DIFFERENCES_FILE_NAME = 'differences.md';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown, with links to the rule files relative to `outDir` (where it is written). */
export function differencesMarkdown(rules: readonly Rule[], deviations: Readonly<Record<string, string>>, outDir: string): string {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const unknown = Object.keys(deviations).filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new Error(`the reference declares deviations from rules that do not exist: ${unknown.join(', ')}`);
  const link = (rule: Rule) => `[\`${rule.id}\`](${relative(outDir, join(RULE_SOURCES_DIR, expectedFileOf(rule.id))).split('\\').join('/')})`;
  const declared = Object.keys(deviations).sort().map((id) => byId.get(id)!);
  const beyond = rules.filter((rule) => rule.source === 'beyond').sort((a, b) => a.id.localeCompare(b.id));
  const lines = [
    '# Where multiproc differs from Python',
    '',
    'Generated from the conformance rules and `conformance/selftest/adapters/reference/deviations.json` by `npm run conformance`',
    '(or `npx tsx conformance/selftest/write-differences.ts`), without running anything; a test fails when this file is stale.',
    'The conformance run checks every line below: a declared deviation that the reference no longer needs fails the run,',
    'and a `beyond` rule counts as "beyond Python" only when it fails on CPython for the reason it states.',
    '',
    '## Declared deviations: Python does it, the reference deliberately does not',
    '',
  ];
  if (declared.length === 0) lines.push('None: the reference keeps every rule of Python\'s behaviour.');
  else {
    lines.push('| rule | Python\'s behaviour (the rule) | the reference\'s reason |', '|---|---|---|');
    for (const rule of declared) {
      const where = rule.python === undefined ? '' : ` (${pythonLink(rule.python)})`;
      lines.push(`| ${link(rule)} | ${cell(rule.statement)}${where} | ${cell(deviations[rule.id]!)} |`);
    }
  }
  lines.push('', '## Beyond Python: multiproc does more than Python promises', '');
  if (beyond.length === 0) lines.push('None.');
  else {
    lines.push('| rule | what CPython does | what multiproc does (the rule) |', '|---|---|---|');
    for (const rule of beyond) lines.push(`| ${link(rule)} | ${cell(rule.cpython?.does ?? '(not stated)')} | ${cell(rule.statement)} |`);
  }
  return `${lines.join('\n')}\n`;
}
