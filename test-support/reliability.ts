/**
 * What the fault, load, bad-input and security tests share (issue 14). Each such test runs a short form under
 * `npm test` and a long form under `npm run soak` (MULTIPROC_SOAK=1), and reports what it tried and what it saw:
 * the soak run gathers those findings into reports/reliability.md, so the report is written by the tests
 * that prove it, never by hand.
 */
import { appendFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';

/** True under `npm run soak`: tests run their long forms. */
export const SOAK = process.env['MULTIPROC_SOAK'] === '1';

/** `short` under `npm test`, `long` under `npm run soak`. */
export function bySoak<T>(short: T, long: T): T {
  return SOAK ? long : short;
}

export type Section = 'defect' | 'fault' | 'load' | 'bad-input' | 'security';

/** One thing a test tried, and what happened. */
export interface Finding {
  readonly section: Section;
  /** The defect number of issue 14 that this test keeps fixed (section 'defect'). */
  readonly defect?: number;
  /** What was tried, in a few words ("worker SIGKILLed 5 times during imap of 100,000 items"). */
  readonly tried: string;
  /** What happened: the error class and message, or the guarantee checked ("every item ended exactly once"). */
  readonly outcome: string;
  /** Measured figures (items checked, peak RSS in MiB, descriptors before/after, …). */
  readonly figures?: Readonly<Record<string, number | string>>;
}

/**
 * Logs the finding in the test's output and, when the soak run asked for it (MULTIPROC_RELIABILITY_LOG names a
 * file), appends it there as one JSON line with the test's title.
 */
export function report(t: ExecutionContext, finding: Finding): void {
  const figures = finding.figures === undefined
    ? ''
    : ` [${Object.entries(finding.figures).map(([key, value]) => `${key}: ${value}`).join(', ')}]`;
  t.log(`${finding.tried} → ${finding.outcome}${figures}`);
  const log = process.env['MULTIPROC_RELIABILITY_LOG'];
  if (log !== undefined && log !== '') {
    appendFileSync(log, `${JSON.stringify({ test: t.title, soak: SOAK, ...finding })}\n`);
  }
}

export { openDescriptors, peakResidentMiB, residentMiB } from './process-counts.js';
