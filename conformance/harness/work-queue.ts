/**
 * Jobs run at most `limit` at a time, the highest priority first; jobs may be added while others run (a mutant's
 * rules are queued once the reference has shown what each rule does).
 */
export class WorkQueue {
  readonly #limit: number;
  readonly #waiting: { job: () => Promise<void>; priority: number }[] = [];
  readonly #drained: (() => void)[] = [];
  #active = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  push(job: () => Promise<void>, priority = 0): void {
    this.#waiting.push({ job, priority });
    this.#waiting.sort((a, b) => b.priority - a.priority);
    this.#next();
  }

  /** Resolves once nothing runs and nothing waits. */
  drained(): Promise<void> {
    if (this.#active === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  #next(): void {
    while (this.#active < this.#limit && this.#waiting.length > 0) {
      const { job } = this.#waiting.shift()!;
      this.#active++;
      void job()
        .catch((error: unknown) => console.error(error))
        .finally(() => {
          this.#active--;
          this.#next();
          if (this.#active === 0 && this.#waiting.length === 0) for (const resolve of this.#drained.splice(0)) resolve();
        });
    }
  }
}
