/**
 * The jobs in flight by id, for the result router. Ids come in increasing order and most jobs end soon, roughly
 * in that order. A Map grew to hold 20,000 jobs applied at once (rehashing, its last tables of half a MB and
 * more outside the young generation) and shrank again as they ended, every burst: 140 bytes of garbage per job,
 * and large allocations that bring the parent's full GCs closer (issue 20 b). Here ids go in pages of 1,024
 * slots; a page is dropped once every job in it has ended and no new id will land in it, so a job that lives
 * for ever (an imap nobody reads) keeps one page alive, not the jobs after it.
 */
const PAGE_SIZE = 1024;

interface Page<V> {
  readonly slots: (V | undefined)[];
  live: number;
}

export class JobTable<V> {
  /** By page number (id ÷ PAGE_SIZE), created in increasing order, so iteration follows the ids. */
  readonly #pages = new Map<number, Page<V>>();
  /** The page the newest id went to: kept while empty, since the next ids go there too. */
  #current = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** @internal Pages held (tests: a table emptied holds one at most). */
  get pages(): number {
    return this.#pages.size;
  }

  get(id: number): V | undefined {
    return this.#pages.get(Math.floor(id / PAGE_SIZE))?.slots[id % PAGE_SIZE];
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** `id` is above every id set before. */
  set(id: number, value: V): void {
    const number = Math.floor(id / PAGE_SIZE);
    let page = this.#pages.get(number);
    if (page === undefined) {
      page = { slots: new Array<V | undefined>(PAGE_SIZE), live: 0 };
      this.#pages.set(number, page);
    }
    if (number !== this.#current) {
      // No id lands in the previous page any more: it goes once its jobs have.
      if (this.#pages.get(this.#current)?.live === 0) this.#pages.delete(this.#current);
      this.#current = number;
    }
    if (page.slots[id % PAGE_SIZE] === undefined) {
      page.live++;
      this.#size++;
    }
    page.slots[id % PAGE_SIZE] = value;
  }

  delete(id: number): boolean {
    const number = Math.floor(id / PAGE_SIZE);
    const page = this.#pages.get(number);
    if (page === undefined || page.slots[id % PAGE_SIZE] === undefined) return false;
    page.slots[id % PAGE_SIZE] = undefined;
    page.live--;
    this.#size--;
    if (page.live === 0 && number !== this.#current) this.#pages.delete(number);
    return true;
  }

  /** In id order. */
  *values(): IterableIterator<V> {
    for (const page of this.#pages.values()) {
      for (const value of page.slots) if (value !== undefined) yield value;
    }
  }

  clear(): void {
    this.#pages.clear();
    this.#size = 0;
  }
}
