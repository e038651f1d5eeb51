/**
 * Jobs run at most `limit` at a time, the highest priority first; jobs may be added while others run (a mutant's
 * rules are queued once the reference has shown what each rule does). A job pushed `alone` runs with nothing
 * beside it: it waits for the jobs running to end, and nothing starts until it has ended.
 */
export class WorkQueue {
  readonly #limit: number;
  readonly #waiting: { job: () => Promise<void>; priority: number; alone: boolean }[] = [];
  readonly #drained: (() => void)[] = [];
  #active = 0;
  #aloneRunning = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  push(job: () => Promise<void>, priority = 0, alone = false): void {
    this.#waiting.push({ job, priority, alone });
    this.#waiting.sort((a, b) => b.priority - a.priority);
    this.#next();
  }

  /** Resolves once nothing runs and nothing waits. */
  drained(): Promise<void> {
    if (this.#active === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  #next(): void {
    while (this.#active < this.#limit && this.#waiting.length > 0 && !this.#aloneRunning) {
      // The head of the line waits for the others to end rather than be overtaken for ever.
      if (this.#waiting[0]!.alone && this.#active > 0) return;
      const { job, alone } = this.#waiting.shift()!;
      this.#active++;
      this.#aloneRunning = alone;
      void job()
        .catch((error: unknown) => console.error(error))
        .finally(() => {
          this.#active--;
          if (alone) this.#aloneRunning = false;
          this.#next();
          if (this.#active === 0 && this.#waiting.length === 0) for (const resolve of this.#drained.splice(0)) resolve();
        });
    }
  }
}
