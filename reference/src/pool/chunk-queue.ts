/**
 * The chunks waiting for a worker, oldest first. 20,000 applyAsync calls in a loop queue 20,000 chunks that
 * then leave one or a few at a time; Array.prototype.shift moves the whole rest of the array each time, which
 * made dispatching quadratic. Here taking from the front only moves a head index.
 */
export class ChunkQueue<T> {
  #items: T[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** The item `offset` places from the front (0: the oldest), or undefined past the end. */
  at(offset: number): T | undefined {
    return offset < this.length ? this.#items[this.#head + offset] : undefined;
  }

  /** The oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head]!;
    this.#items[this.#head++] = undefined as T; // let it be collected
    if (this.#head === this.#items.length) this.clear();
    // Compact once the taken part is most of the array, so memory follows what is really queued.
    else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Puts `items` back at the front, in their order (chunks of a worker that died before running them). */
  unshift(items: readonly T[]): void {
    if (items.length === 0) return;
    this.#items = [...items, ...this.#items.slice(this.#head)];
    this.#head = 0;
  }

  /** Takes out every item `drop` says to (the tasks of an aborted call): rare, so a copy of what is left is fine. */
  removeWhere(drop: (item: T) => boolean): void {
    // Nothing to drop is the usual case for a queue deadline that fires after its chunk ran: no copy then.
    let i = this.#head;
    while (i < this.#items.length && !drop(this.#items[i]!)) i++;
    if (i === this.#items.length) return;
    const kept = this.#items.slice(this.#head).filter((item) => !drop(item));
    this.#items = kept;
    this.#head = 0;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
