/**
 * Which local module runs a task a job names. The pool names a task by its module's URL on the pool's machine;
 * a worker on another machine has the same code elsewhere. A worker therefore runs a task only from the modules
 * it was started with: the one at that very URL, else the only one with the same file name. Nothing else is
 * ever imported, whatever a job says.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TaskReferenceError } from '../../errors.js';
import { loadTask, type TaskRef } from '../../task-registry.js';

/** At most this many module URLs are kept (#known): past it, names are resolved afresh. */
const KNOWN_MAX = 1000;

export class TaskResolver {
  readonly #modules: readonly string[];
  /**
   * Tasks resolved already, by module URL and key (known): a chunk of a task resolved before is handed to the
   * local pool in the same tick. Resolving again costs a dynamic import (of a module imported already, yet several
   * turns of the event loop: ~0.15 ms of each one-at-a-time round trip here, issue 19). Only names that resolved
   * are kept, by URL then key (no joined string two different names could share); the keys of a URL are tasks its
   * module registered, and the URLs at most KNOWN_MAX.
   */
  readonly #known = new Map<string, Map<string, TaskRef>>();

  /** `modules`: the file: URLs of the task modules this worker imported. */
  constructor(modules: readonly string[]) {
    this.#modules = modules;
  }

  /** A task resolved before (resolve): its local reference at once, with no turn of the event loop; else undefined. */
  known(moduleUrl: string, key: string): TaskRef | undefined {
    return this.#known.get(moduleUrl)?.get(key);
  }

  /** The local reference for the task `key` of module `moduleUrl`, or a TaskReferenceError saying why not. */
  async resolve(moduleUrl: string, key: string): Promise<TaskRef> {
    const local = this.#modules.includes(moduleUrl) ? moduleUrl : this.#sameName(moduleUrl);
    const ref = { moduleUrl: local, key };
    // The module is already imported: this only checks that it registered `key`.
    await loadTask(ref);
    // Pools on many machines may name one module by many paths: the map stays bounded whatever Redis holds.
    let keys = this.#known.get(moduleUrl);
    if (keys === undefined) {
      if (this.#known.size >= KNOWN_MAX) this.#known.clear();
      this.#known.set(moduleUrl, keys = new Map());
    }
    keys.set(key, ref);
    return ref;
  }

  /**
   * The local URL of module `moduleUrl` (the one at that URL, else the only one with its file name), or a
   * TaskReferenceError when this worker was not started with it: what a registered class's module resolves by.
   */
  localModule(moduleUrl: string): string {
    return this.#modules.includes(moduleUrl) ? moduleUrl : this.#sameName(moduleUrl);
  }

  #sameName(moduleUrl: string): string {
    const name = fileName(moduleUrl);
    const matches = this.#modules.filter((module) => fileName(module) === name);
    if (name !== undefined && matches.length === 1) return matches[0]!;
    throw new TaskReferenceError(
      `this worker was not started with the task module ${JSON.stringify(moduleUrl.slice(0, 200))}` +
        (matches.length > 1 ? ` (${matches.length} of its modules are named ${name}: start it with only one)` : '') +
        `; it runs tasks only from ${this.#modules.map((m) => fileName(m) ?? m).join(', ')}. Start the worker ` +
        'command with that module (the same code as the pool\'s, at any path)',
    );
  }
}

function fileName(url: string): string | undefined {
  try {
    return basename(fileURLToPath(url));
  } catch {
    return undefined;
  }
}
