/**
 * What the CLIs print while rules run. A run is hundreds of rules × implementations, minutes long: on a terminal a
 * line per rule scrolls the failures away, so there one line is redrawn in place (rules done of all, failures so
 * far, time), the lines that matter (failures, declared deviations no longer needed) are printed above it, and a
 * table of counts ends the run. A CI log is no terminal: there every rule keeps its plain line, and nothing is
 * redrawn (no carriage returns or escape codes in a log file).
 */
import type { ImplementationRun } from './report.js';
import { countByStatus } from './report.js';
import { FAILING, type RuleResult } from './run-rule.js';

/** Where the lines go: process.stdout, or a fake of it in a test. */
export interface Output {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** Adds `count` rule runs to the total (each implementation's rules, as they are queued). */
  expect(count: number): void;
  /** A rule ended on an implementation; `line` is its plain line. */
  ended(result: RuleResult, line: string): void;
  /** Any other unit of work of the total ended (a mutant against a rule); `notable` ones count as failures. */
  step(line: string, notable: boolean): void;
  /** Any other line of the run (an implementation skipped, a mutant killed). */
  note(line: string): void;
  /** Clears the progress line; on a terminal, prints the table of counts of `runs`. */
  finish(runs?: readonly ImplementationRun[]): void;
}

export function progressFor(output: Output, now: () => number = () => performance.now()): Progress {
  return output.isTTY === true ? new TerminalProgress(output, now) : new PlainProgress(output);
}

class PlainProgress implements Progress {
  constructor(private readonly output: Output) {}
  expect(): void {}
  ended(_result: RuleResult, line: string): void {
    this.output.write(`${line}\n`);
  }
  step(line: string): void {
    this.output.write(`${line}\n`);
  }
  note(line: string): void {
    this.output.write(`${line}\n`);
  }
  finish(): void {}
}

class TerminalProgress implements Progress {
  #total = 0;
  #done = 0;
  #failed = 0;
  #shown = false;
  #finished = false;
  readonly #started: number;

  constructor(private readonly output: Output, private readonly now: () => number) {
    this.#started = now();
  }

  expect(count: number): void {
    this.#total += count;
    this.#draw();
  }

  ended(result: RuleResult, line: string): void {
    this.step(line, FAILING.has(result.status));
  }

  step(line: string, notable: boolean): void {
    this.#done++;
    if (notable) {
      this.#failed++;
      this.note(line);
    } else this.#draw();
  }

  note(line: string): void {
    this.#clear();
    this.output.write(`${line}\n`);
    this.#draw();
  }

  finish(runs: readonly ImplementationRun[] = []): void {
    this.#clear();
    this.#finished = true;
    if (runs.length > 0) this.output.write(`${countsTable(runs)}\n`);
  }

  #draw(): void {
    if (this.#finished) return;
    const seconds = Math.round((this.now() - this.#started) / 1000);
    const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const text = `${this.#done}/${this.#total} rules run · ${this.#failed} failed · ${time}`;
    // Never wider than the terminal: a wrapped line cannot be redrawn in place.
    // A terminal of unknown size (script(1) without one) reports 0 columns: take 80 then.
    this.output.write(`\r\x1b[2K${text.slice(0, Math.max(10, (this.output.columns || 80) - 1))}`);
    this.#shown = true;
  }

  #clear(): void {
    if (this.#shown) this.output.write('\r\x1b[2K');
    this.#shown = false;
  }
}

/** Counts by status, an implementation a row, aligned for a terminal. */
export function countsTable(runs: readonly ImplementationRun[]): string {
  const header = ['implementation', 'pass', 'fail', 'differs', 'stale', 'unsupported', 'beyond', 'skipped'];
  const rows = runs.map((run) => {
    const c = countByStatus(run.results);
    return [run.name, c.pass, c.fail, c.differs, c.stale, c.unsupported, c.beyond, run.skipped === undefined ? '' : 'yes'].map(String);
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
