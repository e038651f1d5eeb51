/**
 * The landscape: which of Python's rules each implementation keeps, reference and CPython beside the Node pools
 * the suite maps, as one table (rules × implementations, grouped by area) and a paragraph per library. Every figure
 * and rule id in it is computed from the run; a hand-written note (landscape-notes.json) is printed only when the
 * run bears out each verdict it cites, so no sentence outlives the results it rests on.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, repoPath } from '../../test-support/repo-paths.js';
import { countByStatus, LABEL, type ImplementationRun, type Report } from '../harness/report.js';
import type { Status } from '../harness/run-rule.js';

/** What landscape.json holds: the raw verdicts, one per rule and implementation. */
export interface Landscape {
  readonly generatedAt: string;
  readonly durationMs: number;
  readonly implementations: readonly {
    readonly name: string;
    readonly description: string;
    readonly skipped?: string;
    readonly verdicts: Readonly<Record<string, { readonly status: Status; readonly reason?: string }>>;
  }[];
  readonly rules: readonly { readonly id: string; readonly statement: string; readonly file: string }[];
}

/** A hand-written note on a library, and the verdicts it rests on (rule id → the status the note assumes). */
export interface LandscapeNote {
  readonly text: string;
  readonly rests: Readonly<Record<string, Status>>;
}

/** The hand-written notes: data, read from the sources whether this runs compiled or not. */
export const NOTES_FILE = repoPath('conformance', 'selftest', 'landscape-notes.json');

export function readNotes(file = NOTES_FILE): Record<string, LandscapeNote[]> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, LandscapeNote[]>;
}

export function toLandscape(report: Report): Landscape {
  return {
    generatedAt: report.generatedAt,
    durationMs: report.durationMs ?? 0,
    implementations: report.implementations.map((run) => ({
      name: run.name,
      description: run.description,
      ...(run.skipped === undefined ? {} : { skipped: run.skipped }),
      verdicts: Object.fromEntries(run.results.map((r) => [r.id, { status: r.status, ...(r.status === 'pass' || r.reason === undefined ? {} : { reason: r.reason }) }])),
    })),
    rules: report.rules.map(({ id, statement, file }) => ({ id, statement, file })),
  };
}

const areaOf = (id: string) => id.split('.')[0]!;
const subjectOf = (id: string) => id.split('.').slice(0, 2).join('.');

/** "pool 30 of 61, process 0 of 0": passes among the rules it ran (claimed), by area. */
function passesByArea(run: ImplementationRun, areas: readonly string[]): string {
  return areas
    .map((area) => {
      const ran = run.results.filter((r) => areaOf(r.id) === area && r.status !== 'unsupported');
      return ran.length === 0 ? `${area}: none claimed` : `${area}: ${ran.filter((r) => r.status === 'pass').length} of ${ran.length}`;
    })
    .join(', ');
}

/** The failed rule ids, gathered by subject: "`pool.crash` (3 of 4: …)". */
function failuresBySubject(run: ImplementationRun): string[] {
  const bySubject = new Map<string, { failed: string[]; ran: number }>();
  for (const r of run.results) {
    if (r.status === 'unsupported') continue;
    const entry = bySubject.get(subjectOf(r.id)) ?? { failed: [], ran: 0 };
    entry.ran++;
    if (r.status === 'fail') entry.failed.push(r.id);
    bySubject.set(subjectOf(r.id), entry);
  }
  return [...bySubject]
    .filter(([, e]) => e.failed.length > 0)
    .map(([subject, e]) => `\`${subject}\` (${e.failed.length} of ${e.ran}): ${e.failed.map((id) => `\`${id}\``).join(', ')}`);
}

/** Whether the run bears out every verdict the note rests on. */
function borneOut(note: LandscapeNote, run: ImplementationRun): boolean {
  return Object.entries(note.rests).every(([id, status]) => run.results.some((r) => r.id === id && r.status === status));
}

export function landscapeMarkdown(report: Report, notes: Record<string, LandscapeNote[]>, outDir: string): { markdown: string; unsupportedNotes: string[] } {
  const runs = report.implementations;
  const areas = [...new Set(report.rules.map((rule) => areaOf(rule.id)))];
  const link = (file: string) => relative(outDir, join(REPO_ROOT, file)).split('\\').join('/');
  const unsupportedNotes: string[] = [];
  const lines = [
    '# The map of the Node pools',
    '',
    `Generated ${report.generatedAt} by \`npm run conformance -- --landscape\` in ${((report.durationMs ?? 0) / 1000).toFixed(0)} s` +
      ` (${report.concurrency ?? '?'} rules at a time). Which of Python's multiprocessing rules each implementation keeps: ours`,
    '(`reference`), CPython itself (`cpython`, the ground truth, under fork; `cpython-spawn` and `cpython-forkserver` under the other start methods; the oldest and newest CPython 3.8+ this machine has, under fork) and the Node pools the suite maps through an adapter each',
    '(`conformance/selftest/adapters/<name>/`). The labels are those of [conformance.md](conformance.md): PASS, FAIL, unsupported (the',
    'adapter does not claim what the rule needs, and says why), beyond Python, differs (declared). A FAIL on a Node pool is a',
    'finding about that library; the raw verdicts, with every reason, are in [landscape.json](landscape.json).',
    '',
    '## Summary',
    '',
    `| implementation | ${Object.values(LABEL).slice(0, 5).join(' | ')} | passes among claimed rules, by area |`,
    `|---|${Object.values(LABEL).slice(0, 5).map(() => '---:').join('|')}|---|`,
  ];
  for (const run of runs) {
    if (run.skipped !== undefined) {
      lines.push(`| ${run.name} | skipped: ${run.skipped} |||||| `);
      continue;
    }
    const c = countByStatus(run.results);
    lines.push(`| ${run.name} — ${run.description} | ${c.pass} | ${c.fail} | ${c.unsupported} | ${c.beyond} | ${c.differs} | ${passesByArea(run, areas)} |`);
  }
  lines.push('', '## What each library keeps and breaks', '');
  for (const run of runs) {
    if (run.informational !== true) continue;
    lines.push(`### ${run.name}`, '');
    if (run.skipped !== undefined) {
      lines.push(`Skipped: ${run.skipped}`, '');
      continue;
    }
    const c = countByStatus(run.results);
    const claimed = run.results.length - c.unsupported;
    lines.push(`${run.description}. Of the ${claimed} rules its adapter claims, it keeps ${c.pass} and breaks ${c.fail} (${passesByArea(run, areas)});`,
      `${c.unsupported} need what it does not offer.`);
    const failures = failuresBySubject(run);
    if (failures.length > 0) lines.push('', 'It breaks:', '', ...failures.map((f) => `- ${f}`));
    const unstopped = run.results.filter((r) => r.status === 'fail' && r.reason?.startsWith('cleanup: terminate() then join()'));
    if (unstopped.length > 0) {
      lines.push('', `Of those, ${unstopped.length} fail only because terminate() then join() did not end within the bound: ${unstopped.map((r) => `\`${r.id}\``).join(', ')}.`);
    }
    for (const note of notes[run.name] ?? []) {
      if (borneOut(note, run)) lines.push('', note.text);
      else unsupportedNotes.push(`${run.name}: "${note.text.slice(0, 60)}…" rests on verdicts this run does not give`);
    }
    lines.push('');
  }
  lines.push('## Rules', '');
  for (const area of areas) {
    lines.push(`### ${area}`, '', `| rule | ${runs.map((r) => r.name).join(' | ')} |`, `|---|${runs.map(() => '---').join('|')}|`);
    for (const rule of report.rules.filter((r) => areaOf(r.id) === area)) {
      const cells = runs.map((run) => {
        if (run.skipped !== undefined) return 'skipped';
        const result = run.results.find((r) => r.id === rule.id);
        return result === undefined ? '—' : result.status === 'fail' ? `**${LABEL.fail}**` : LABEL[result.status];
      });
      lines.push(`| [\`${rule.id}\`](${link(rule.file)}) | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return { markdown: `${lines.join('\n')}\n`, unsupportedNotes };
}
