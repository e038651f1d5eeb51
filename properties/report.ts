/**
 * What the property runs record, and reports/properties.md rendered from it. Each property file writes its own
 * JSON (reports/properties/<file>.json) when it ends, so ava's concurrent worker processes never write the
 * same file; the Markdown is rendered from all of them under a lock file, written to a temporary file and
 * renamed into place. Rendering depends only on the JSON files (sorted), so it is deterministic.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoPath } from '../test-support/repo-paths.js';

export const REPORTS = `${repoPath('reports')}/`;
export const RECORDS = join(REPORTS, 'properties');
export const MARKDOWN = join(REPORTS, 'properties.md');

export interface PropertyRecord {
  /** How many times the predicate ran (the configured runs, plus shrinking steps after a failure). */
  readonly runs: number;
  readonly configuredRuns: number;
  /** From the first run's start to the last run's end. */
  readonly ms: number;
  readonly generators: readonly string[];
  readonly seed: number;
  readonly status: string;
}

export interface FileRecord {
  readonly file: string;
  /** MULTIPROC_PROPERTY_RUNS_FACTOR of the last run. */
  readonly factor: number;
  readonly properties: Record<string, PropertyRecord>;
}

/**
 * Merges this run's records into the file's JSON: properties that did not run this time (an --match run)
 * keep their last record; properties the file no longer declares are dropped.
 */
export function saveFileRecord(file: string, factor: number, declared: readonly string[], ran: Record<string, PropertyRecord>): void {
  mkdirSync(RECORDS, { recursive: true });
  // Named after the source (`pool.prop.ts`) whether the file ran from it or compiled (`.tmp/js/…/pool.prop.js`).
  const name = basename(file).replace(/\.js$/, '.ts');
  const path = join(RECORDS, `${name}.json`);
  let previous: FileRecord | undefined;
  try {
    previous = JSON.parse(readFileSync(path, 'utf8')) as FileRecord;
  } catch {
    previous = undefined;
  }
  const properties: Record<string, PropertyRecord> = {};
  for (const name of declared) {
    const record = ran[name] ?? previous?.properties[name];
    if (record !== undefined) properties[name] = record;
  }
  const record: FileRecord = { file: name, factor, properties };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temporary, path);
}

export function readRecords(): FileRecord[] {
  if (!existsSync(RECORDS)) return [];
  return readdirSync(RECORDS)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(RECORDS, name), 'utf8')) as FileRecord);
}

const cell = (text: string) => text.replaceAll('|', '\\|');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function renderMarkdown(records: readonly FileRecord[]): string {
  const lines = [
    '# Properties',
    '',
    'Written by the property files under `properties/` when they run (`npm test`, `npm run properties:deep`);',
    'render again with `npx tsx properties/write-report.ts`. Runs: how often the predicate ran (configured',
    'runs × the factor; more after a failure, while fast-check shrinks). Time: wall clock from the first run to',
    'the last (properties of one file run concurrently). Replay a failure with its seed: see properties/README.md.',
    '',
    '| file | property | runs | time | generators | last seed | status |',
    '|---|---|---|---|---|---|---|',
  ];
  let total = 0;
  for (const file of records) {
    for (const [name, p] of Object.entries(file.properties)) {
      total += p.ms;
      const runs = p.runs === p.configuredRuns ? `${p.runs}` : `${p.runs} (of ${p.configuredRuns})`;
      const seed = p.status.startsWith('skipped') ? '—' : String(p.seed);
      lines.push(`| ${file.file} | ${cell(name)} | ${runs} (×${file.factor}) | ${seconds(p.ms)} | ${cell(p.generators.join('; '))} | ${seed} | ${cell(p.status)} |`);
    }
  }
  lines.push('', `Sum of the properties' times: ${seconds(total)}.`, '');
  return lines.join('\n');
}

/** Renders reports/properties.md from every JSON record, one writer at a time. */
export async function writeMarkdown(): Promise<void> {
  mkdirSync(RECORDS, { recursive: true });
  const lock = join(RECORDS, '.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // A writer that died leaves its lock behind: after 10 s it is stale.
      if (attempt > 200 || Date.now() - safeMtime(lock) > 10_000) rmSync(lock, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    const temporary = `${MARKDOWN}.${process.pid}.tmp`;
    writeFileSync(temporary, renderMarkdown(readRecords()));
    renameSync(temporary, MARKDOWN);
  } finally {
    rmSync(lock, { force: true });
  }
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}
