/** The progress line: rewritten in place on a terminal, one line per step otherwise (CI logs). */
import { performance } from 'node:perf_hooks';

export class Progress {
  readonly #total: number;
  readonly #t0 = performance.now();
  #done = 0;
  readonly #tty = process.stderr.isTTY === true;

  constructor(total: number) {
    this.#total = total;
  }

  /** A step starts. */
  step(what: string): void {
    this.#done++;
    this.#write(`[${String(this.#done).padStart(String(this.#total).length)}/${this.#total} ${this.#clock()}] ${what}`);
  }

  /** Something finished within the step: said on the same line. */
  note(what: string): void {
    if (this.#tty) this.#write(`${this.#last} — ${what}`, false);
    else process.stderr.write(`    ${what}\n`);
  }

  done(what: string): void {
    if (this.#tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(`${what} (${this.#clock()})\n`);
  }

  #last = '';
  #write(line: string, remember = true): void {
    if (remember) this.#last = line;
    // A terminal of unknown size (script(1) without one) reports 0 columns: take 80 then, or the line would lose
    // its last character.
    if (this.#tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}`);
    else if (remember) process.stderr.write(`${line}\n`);
  }

  #clock(): string {
    const s = Math.round((performance.now() - this.#t0) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
}
