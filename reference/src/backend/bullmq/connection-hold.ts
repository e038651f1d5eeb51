/**
 * Whether a cluster pool's Redis connections keep the parent alive: only while a chunk is outstanding, as a local
 * pool's idle workers do not (fork-backend.ts), so a script that forgets `close()` still ends. An idle pool's
 * sockets, its reconciler timer and any reconnect timer ioredis sets are unref'd; a chunk sent refs them again.
 * A connection ioredis opens again later (a reconnect) gets a new socket, which takes the state current then.
 */

/** The parts of an ioredis client this touches (BullMQ's wrapper forwards them to the client). */
interface RawClient {
  readonly stream?: { ref?(): void; unref?(): void };
  readonly reconnectTimeout?: NodeJS.Timeout;
  on(event: 'connect' | 'reconnecting', listener: () => void): unknown;
}

export class ConnectionHold {
  /** Links with work (WorkerLink.holdParent(true)) and not yet released. */
  #holders = 0;
  readonly #clients: RawClient[] = [];
  #timer: NodeJS.Timeout | undefined;

  get #held(): boolean {
    return this.#holders > 0;
  }

  /** One link starts or stops holding the parent. */
  hold(holds: boolean): void {
    const was = this.#held;
    // Never below 0: ClusterLink.holdParent passes on changes only, so a release follows a hold.
    this.#holders += holds ? 1 : -1;
    if (this.#held !== was) this.#apply();
  }

  /** A connection the pool opened: it follows the hold from now on, reconnects included. */
  adopt(client: unknown): void {
    const raw = client as RawClient;
    this.#clients.push(raw);
    raw.on('connect', () => this.#applyTo(raw));
    raw.on('reconnecting', () => this.#applyTo(raw));
    this.#applyTo(raw);
  }

  /** The reconciler's interval, which must not keep an idle pool's parent alive either. */
  timer(timer: NodeJS.Timeout | undefined): void {
    this.#timer = timer;
    if (timer !== undefined && !this.#held) timer.unref();
  }

  forget(): void {
    this.#clients.length = 0;
    this.#timer = undefined;
  }

  #apply(): void {
    for (const client of this.#clients) this.#applyTo(client);
    if (this.#held) this.#timer?.ref();
    else this.#timer?.unref();
  }

  #applyTo(client: RawClient): void {
    const how = this.#held ? 'ref' : 'unref';
    client.stream?.[how]?.();
    client.reconnectTimeout?.[how]();
  }
}
