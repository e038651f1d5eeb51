/**
 * A cluster pool's `initializer`, `initargs`, `maxTasksPerChild` and `maxMemoryPerChildMb`, on their way to the
 * worker commands. They belong to the pool, and one worker command serves every pool of its queue: so they travel
 * in each chunk's job (`o`, one opaque string made once per pool, none for a pool without them), and a worker
 * command keeps one local pool per distinct string, made when a chunk first names it. The initializer then runs once in each local
 * process that runs that pool's chunks, as in a local pool, and the processes of a pool with maxTasksPerChild are
 * replaced after that many chunks (or once past the memory limit after one), while another pool's chunks never
 * run in a process set up for another.
 * Why not a worker command flag: pools with different set-ups would need worker commands of their own; nor a Redis
 * key per pool: it would outlive the pool, or vanish under its running jobs.
 */
import { deserialize, serialize } from 'node:v8';
import { loadTask, type TaskRef } from '../../task-registry.js';
import { Pool } from '../../pool/pool.js';
import type { InitMessage } from '../protocol.js';
import type { TaskResolver } from './task-resolver.js';
import { reviveInstances, type ClassTable } from '../../revive.js';
import { localClasses } from './class-args.js';

/** What a pool's jobs carry of its set-up, decoded: the initializer's module URL and key, initargs, maxTasks. */
interface PoolSetup {
  readonly i: readonly [string, string] | null;
  readonly a: readonly unknown[];
  readonly x: number | null;
  /** maxMemoryPerChildMb, when the pool has one (absent otherwise: the string of a pool without stays as it was). */
  readonly m?: number;
  /** The class table of the registered class instances in `a`, written with it (class-args.ts). */
  readonly c?: ClassTable;
}

/** The `o` of a pool's jobs, or undefined for a pool with neither initializer nor maxTasksPerChild (its jobs carry nothing). */
export function encodePoolSetup(init: InitMessage): string | undefined {
  if (init.initializer === null && init.maxTasks === null && init.maxMemoryMb === undefined) return undefined;
  const setup: PoolSetup = {
    i: init.initializer === null ? null : [init.initializer.moduleUrl, init.initializer.key],
    a: init.initargs,
    x: init.maxTasks,
    ...(init.initClasses === undefined ? {} : { c: init.initClasses }),
    ...(init.maxMemoryMb === undefined ? {} : { m: init.maxMemoryMb }),
  };
  return Buffer.from(serialize(setup)).toString('base64');
}

/** At most this many local pools besides the plain one: the one used the longest ago goes to make room for a new one. */
const MAX_LOCAL_POOLS = 4;

/** The worker command's local pools: the plain one, and one per pool set-up its chunks named. */
export class LocalPools {
  readonly plain: Pool;
  readonly #byKey = new Map<string, Promise<Pool>>();
  /** The pools made with maxMemoryPerChildMb: the only ones that retire processes for memory. */
  readonly #limited = new WeakSet<Pool>();

  /** `preload`: chunk-task.ts's preloadModules, given the worker command's `modules`. */
  constructor(private readonly processes: number, private readonly resolver: TaskResolver,
    private readonly preload: { readonly initializer: (modules: readonly string[]) => Promise<void>; readonly modules: readonly string[] }) {
    this.plain = new Pool({ processes, initializer: preload.initializer, initargs: [preload.modules] });
  }

  /**
   * The local pool for set-up `key` (undefined: the plain one). Rejects (the chunk then fails, saying why) when the
   * set-up cannot be read or names an initializer this worker command was not started with.
   */
  get(key: string | undefined): Pool | Promise<Pool> {
    if (key === undefined) return this.plain;
    let pool = this.#byKey.get(key);
    if (pool === undefined) {
      this.#evictOldest();
      pool = this.#make(key);
      this.#byKey.set(key, pool);
      // A set-up that cannot be made is not kept: the next chunk naming it is told again, the same way.
      pool.catch(() => this.#byKey.delete(key));
    } else {
      // Most recently used last: a Map keeps insertion order.
      this.#byKey.delete(key);
      this.#byKey.set(key, pool);
    }
    return pool;
  }

  async #make(key: string): Promise<Pool> {
    let setup: PoolSetup;
    try {
      setup = deserialize(Buffer.from(key, 'base64')) as PoolSetup;
    } catch (cause) {
      throw new Error(`the pool set-up of this chunk could not be read (${String(cause)}): are the pool and the workers the same multiproc version?`, { cause });
    }
    // The initargs' class instances become themselves here, among the classes this worker command registered:
    // the local pool then sends them on to its processes as a local pool does.
    if (setup.c !== undefined) reviveInstances(localClasses(setup.c, (url) => this.resolver.localModule(url)));
    let initializer;
    if (setup.i !== null) {
      // Only among the modules this worker command was started with: nothing is imported on Redis's word.
      const ref: TaskRef = await this.resolver.resolve(setup.i[0], setup.i[1]);
      initializer = await loadTask(ref);
    }
    const pool = new Pool({
      processes: this.processes,
      ...(initializer === undefined
        ? { initializer: this.preload.initializer, initargs: [this.preload.modules] }
        : { initializer, initargs: [...setup.a] }),
      ...(setup.x === null ? {} : { maxTasksPerChild: setup.x }),
      ...(setup.m === undefined ? {} : { maxMemoryPerChildMb: setup.m }),
    });
    if (setup.m !== undefined) this.#limited.add(pool);
    return pool;
  }

  /** Whether `pool` was made with a memory limit (remote-recycles.ts asks only those). */
  hasMemoryLimit(pool: Pool): boolean {
    return this.#limited.has(pool);
  }

  /** The pool used the longest ago is closed: what it runs finishes, then its processes leave. */
  #evictOldest(): void {
    if (this.#byKey.size < MAX_LOCAL_POOLS) return;
    const [key, pool] = this.#byKey.entries().next().value!;
    this.#byKey.delete(key);
    void pool.then((evicted) => evicted.close(), () => undefined);
  }

  /** Terminates every local pool and waits for their processes to go. */
  async terminate(): Promise<void> {
    const pools = [this.plain, ...await Promise.all([...this.#byKey.values()].map((pool) => pool.catch(() => undefined)))];
    this.#byKey.clear();
    for (const pool of pools) pool?.terminate();
    await Promise.all(pools.map((pool) => pool?.join()));
  }
}
